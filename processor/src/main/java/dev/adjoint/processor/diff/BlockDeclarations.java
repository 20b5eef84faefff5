package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.defaultValue;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.LocalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The locals a top-level statement's blocks set, declared before the statement so that later
 * statements and the reverse sweep, outside those blocks, can read them: primals, call results,
 * array adjoints.
 */
final class BlockDeclarations {
  private final SweepContext ctx;

  private final InlineTests inlineTests;

  BlockDeclarations(SweepContext ctx, InlineTests inlineTests) {
    this.ctx = ctx;
    this.inlineTests = inlineTests;
  }

  /**
   * Declarations of the variables assigned inside {@code node}'s blocks, written before it so that
   * later statements and the reverse sweep, outside those blocks, can read them.
   */
  private List<Declaration> declarationsInside(Node node) {
    List<Declaration> declarations = new ArrayList<>();
    switch (node) {
      case Node.If branch -> {
        collectDeclarations(branch.thenBranch(), declarations);
        collectDeclarations(branch.elseBranch(), declarations);
      }
      case Node.While loop -> {
        if (inlineTests.of(loop).isEmpty()) {
          collectDeclarations(loop.condition(), declarations);
        }
        collectDeclarations(loop.body(), declarations);
      }
      default -> {}
    }
    return declarations.stream().distinct().toList();
  }

  /** {@link #declarationsInside}, less the variables already declared. */
  List<Declaration> newDeclarationsInside(Node node) {
    List<Declaration> fresh = new ArrayList<>();
    for (Declaration declaration : declarationsInside(node)) {
      // declare each variable once, whichever block sets it first
      if (ctx.topLevel.declaresBeforeBlock(declaration.local())) {
        fresh.add(declaration);
      }
    }
    return fresh;
  }

  private void collectDeclarations(List<Node> nodes, List<Declaration> declarations) {
    for (Node node : nodes) {
      node.target()
          .ifPresent(
              v ->
                  declarations.add(
                      new Declaration(
                          LocalType.of(v.type()),
                          SweepLocal.of(v.type(), v.name()),
                          JavaExpr.literal(defaultValue(v.type())))));
      if (node instanceof Node.CallDifferentiable call) {
        declarations.add(
            new Declaration(
                ctx.classNames.recordType(call.callee()),
                new SweepLocal(ctx.classNames.recordClass(call.callee()), call.result().name()),
                JavaExpr.literal("null")));
      }
      if (node instanceof Node.NewArray array && ctx.activity.isActive(array.targetVar())) {
        declarations.add(arrayAdjoint(array.targetVar()));
      }
      if (node instanceof Node.ArrayLoad load && ctx.loops.isActiveRow(load)) {
        declarations.add(arrayAdjoint(load.targetVar()));
      }
      if (node instanceof Node.Copy copy && ctx.loops.isActiveArray(copy)) {
        declarations.add(arrayAdjoint(copy.targetVar()));
      }
      declarations.addAll(declarationsInside(node));
    }
  }

  /** The adjoint of an array variable, an alias set where the array is. */
  private Declaration arrayAdjoint(Value.Var array) {
    return new Declaration(
        LocalType.of(array.type()),
        SweepLocal.of(array.type(), ctx.adjoint(array)),
        JavaExpr.literal("null"));
  }
}
