package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.arguments;
import static dev.adjoint.processor.diff.IrExpressions.primal;
import static dev.adjoint.processor.diff.IrExpressions.primals;
import static dev.adjoint.processor.diff.IrExpressions.resultOf;
import static dev.adjoint.processor.diff.IrExpressions.valueComponent;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward sweep: the primal, one three-address statement per IR node, with variables set inside
 * blocks declared before them, loops counting their passes, and the values the reverse sweep needs
 * pushed on the tape before they are overwritten.
 */
final class ForwardSweep {
  private final SweepContext ctx;

  /** Writes the reverse of a fused loop's pass, which the forward sweep runs inside the loop. */
  private final FusedPassReverse fusedPassReverse;

  /** The loops whose test is written as one expression. */
  private final InlineTests inlineTests;

  ForwardSweep(SweepContext ctx, InlineTests inlineTests, FusedPassReverse fusedPassReverse) {
    this.ctx = ctx;
    this.inlineTests = inlineTests;
    this.fusedPassReverse = fusedPassReverse;
  }

  // ---------------------------------------------------------------- forward sweep

  void forwardStatement(Node node, CodeBlock.Builder out, int depth, boolean inLoop) {
    if (inLoop) {
      saveBeforeOverwrite(node, out);
    }
    switch (node) {
      case Node.Apply apply -> {
        SourceAlgebra algebra = SourceAlgebra.forPrimal(apply.mathClass());
        JavaExpr value = ElementwiseRules.value(apply.op(), algebra, primals(apply.args()));
        define(out, apply.targetVar(), value.code(), apply.origin(), depth, null);
        ctx.anomalies.afterForward(
            out, apply.targetVar(), value.text(), apply.args(), apply.origin());
      }
      case Node.TensorApply apply -> {
        List<String> args = apply.args().stream().map(v -> primal(v).text()).toList();
        List<String> params = apply.params().stream().map(v -> primal(v).text()).toList();
        CodeBlock code = apply.primitive().forwardCode(args, params);
        define(out, apply.targetVar(), code, apply.origin(), depth, null);
        ctx.anomalies.afterForward(
            out,
            apply.targetVar(),
            apply.primitive().forwardText(args, params),
            apply.args(),
            apply.origin());
      }
      case Node.Copy copy -> {
        define(out, copy.targetVar(), primal(copy.source()).code(), copy.origin(), depth, null);
        if (ctx.loops.isActiveArray(copy)) {
          // an array copy is an alias: so is its adjoint, and the reverse sweep has nothing to do
          String adjoint = ctx.adjoint(copy.targetVar());
          ctx.adjoints.declared.add(copy.targetVar());
          out.add(
              "$L$L = $L; // $L: its adjoint\n",
              ctx.topLevel.declaresAtTop(depth, copy.targetVar().type(), adjoint)
                  ? copy.targetVar().type().javaName() + " "
                  : "",
              adjoint,
              ctx.adjoint((Value.Var) copy.source()),
              copy.origin());
        }
      }
      case Node.Convert convert -> {
        JavaExpr source = primal(convert.source());
        CodeBlock code =
            convert.targetVar().type().acceptsWithoutCast(convert.source().type())
                ? source.code()
                : CodeBlock.of(
                    "($L) $L", convert.targetVar().type().javaName(), source.at(JavaExpr.UNARY));
        define(out, convert.targetVar(), code, convert.origin(), depth, null);
      }
      case Node.Operate operate -> {
        CodeBlock code;
        if (operate.args().size() == 1) {
          code =
              CodeBlock.of(
                  "$L$L",
                  operate.operator().symbol(),
                  primal(operate.args().get(0)).at(JavaExpr.UNARY));
        } else {
          code =
              CodeBlock.of(
                  "$L $L $L",
                  primal(operate.args().get(0)).at(JavaExpr.EQUALITY + 1),
                  operate.operator().symbol(),
                  primal(operate.args().get(1)).at(JavaExpr.EQUALITY + 2));
        }
        define(out, operate.targetVar(), code, operate.origin(), depth, null);
      }
      case Node.Detach detach -> {
        // a tensor's item() is the one detach that changes the type: a Java number, no derivative
        boolean item =
            detach.source().type() == IrType.TENSOR && detach.targetVar().type() != IrType.TENSOR;
        define(
            out,
            detach.targetVar(),
            CodeBlock.of("$L$L", primal(detach.source()).code(), item ? ".item()" : ""),
            detach.origin(),
            depth,
            item
                ? "a Java number: no derivative flows through item(), as on the tape"
                : "no derivative flows on (noDerivative, detach or no-grad)");
      }
      case Node.CallDifferentiable call -> forwardCall(call, out, depth);
      case Node.CallWithDerivative call -> {
        JavaExpr value =
            new Call(
                new TypeRef(call.callee().owner()), call.callee().method(), primals(call.args()));
        define(out, call.targetVar(), value.code(), call.origin(), depth, null);
        ctx.anomalies.afterForward(out, call.targetVar(), value.text(), call.args(), call.origin());
      }
      case Node.NewArray array -> {
        String type = array.targetVar().type().elementType().javaName();
        CodeBlock length = primal(array.length()).code();
        define(
            out,
            array.targetVar(),
            CodeBlock.of("new $L[$L]", type, length),
            array.origin(),
            depth,
            null);
        if (ctx.activity.isActive(array.targetVar())) {
          String adjoint = ctx.adjoint(array.targetVar());
          ctx.adjoints.declared.add(array.targetVar());
          out.add(
              "$L$L = new $L[$L]; // $L: its adjoint\n",
              ctx.topLevel.declaresAtTop(depth, array.targetVar().type(), adjoint)
                  ? array.targetVar().type().javaName() + " "
                  : "",
              adjoint,
              type,
              length,
              array.origin());
        }
      }
      case Node.ArrayLength length ->
          define(
              out,
              length.targetVar(),
              CodeBlock.of("$L.length", length.array().name()),
              length.origin(),
              depth,
              null);
      case Node.ArrayLoad load -> {
        define(
            out,
            load.targetVar(),
            CodeBlock.of("$L[$L]", load.array().name(), primal(load.index()).code()),
            load.origin(),
            depth,
            null);
        if (ctx.loops.isActiveRow(load)) {
          // a row of a two-dimensional array is the same data: its adjoint is that row's adjoint
          String adjoint = ctx.adjoint(load.targetVar());
          ctx.adjoints.declared.add(load.targetVar());
          out.add(
              "$L$L = $L[$L]; // $L: its adjoint\n",
              ctx.topLevel.declaresAtTop(depth, load.targetVar().type(), adjoint)
                  ? load.targetVar().type().javaName() + " "
                  : "",
              adjoint,
              ctx.adjoint(load.array()),
              primal(load.index()).code(),
              load.origin());
        }
      }
      case Node.ArrayStore store ->
          out.add(
              "$L[$L] = $L; // $L\n",
              store.array().name(),
              primal(store.index()).code(),
              primal(store.value()).code(),
              store.origin());
      case Node.If branch -> {
        out.add("if ($L) { // $L\n", primal(branch.condition()).code(), branch.origin());
        out.indent();
        branch.thenBranch().forEach(n -> forwardStatement(n, out, depth + 1, inLoop));
        out.unindent();
        if (!branch.elseBranch().isEmpty()) {
          out.add("} else {\n").indent();
          branch.elseBranch().forEach(n -> forwardStatement(n, out, depth + 1, inLoop));
          out.unindent();
        }
        out.add("}\n");
      }
      case Node.While loop -> forwardLoop(loop, out, depth, inLoop);
      case Node.ElementRead read ->
          define(
              out,
              read.targetVar(),
              CodeBlock.of("$L", read.expression()),
              read.origin(),
              depth,
              read.leaf() ? "a parameter of this pass's sub-model" : null);
      case Node.Throw failure -> out.add(ThrowStatements.forward(failure));
      case Node.Return ret -> {} // the value is returned with the partials
    }
  }

  /**
   * {@code while (test) body}, counting its passes. The condition's nodes run before the first pass
   * and again after each one; they compute only the test, which the reverse sweep never needs.
   */
  void forwardLoop(Node.While loop, CodeBlock.Builder out, int depth, boolean inLoop) {
    if (ctx.loops.isFused(loop)) {
      forwardFusedLoop(loop, out, depth);
      return;
    }
    String count = null;
    if (ctx.loops.hasActive(loop.body()) || ctx.loops.overwritesSaved(loop.body())) {
      count = ctx.names.fresh("passes");
      ctx.tripCounts.put(loop, count);
      out.add("int $L = 0; // $L: passes of the loop below\n", count, loop.origin());
      if (depth == 0) {
        ctx.topLevel.add(SweepLocal.of(IrType.INT, count)); // the reverse sweep reads it
      }
    }
    TapeCursor enclosing = ctx.cursor;
    if (ctx.loops.keepsDoublesLocally(loop)) {
      ctx.cursor =
          new TapeCursor(ctx.tape(), ctx.names.fresh("tapeDoubles"), ctx.names.fresh("tapeTop"));
      out.add("$L", ctx.cursor.open());
    }
    CodeBlock test = test(loop, out, depth);
    out.add("while ($L) { // $L\n", test, loop.origin()).indent();
    if (count != null) {
      out.add("$L++;\n", count);
    }
    loop.body().forEach(n -> forwardStatement(n, out, depth + 1, true));
    test(loop, out, depth);
    out.unindent().add("}\n");
    if (ctx.cursor != enclosing) {
      out.add("$L", ctx.cursor.close());
      ctx.cursor = enclosing;
    }
    if (count != null && depth > 0) {
      // inside a block, the count would go out of scope: the reverse sweep pops it
      out.add("$L.pushInt($L); // $L: for the reverse sweep\n", ctx.tape(), count, loop.origin());
    }
  }

  /**
   * A loop whose passes are undone as they run (see {@link #planFusion}): each pass runs its body
   * up to the counter updates, then the reverse of that part, then the counter updates and the
   * test. The result's adjoint is the seed throughout; the adjoints the reverse part declares are
   * declared before the loop, so the reverse sweep goes on adding into them.
   */
  void forwardFusedLoop(Node.While loop, CodeBlock.Builder out, int depth) {
    int split = ctx.loops.recomputations().get(loop).suffixStart();
    List<Node> prefix = loop.body().subList(0, split);
    // the result's adjoint is the seed before and after each pass: the sweep reads the seed
    Value.Var fusedResult = ctx.loops.fusion().orElseThrow().result();
    ctx.forwarded.put(
        fusedResult, new SweepContext.Forward(JavaExpr.name(ctx.seedName), loop.origin()));
    ctx.permanentForward = fusedResult;
    CodeBlock.Builder undo = CodeBlock.builder();
    fusedPassReverse.undo(loop, prefix, undo, depth + 1);
    ctx.adjoints.pending.forEach(d -> out.add("$L", d));
    ctx.adjoints.pending.clear();
    CodeBlock test = test(loop, out, depth);
    out.add("while ($L) { // $L: each pass undone as soon as it has run\n", test, loop.origin());
    out.indent();
    prefix.forEach(n -> forwardStatement(n, out, depth + 1, false));
    out.add("// the pass's adjoints: no later pass changes the result's adjoint\n");
    out.add(undo.build());
    loop.body()
        .subList(split, loop.body().size())
        .forEach(n -> forwardStatement(n, out, depth + 1, false));
    test(loop, out, depth);
    out.unindent().add("}\n");
  }

  /**
   * Writes the statements computing the loop's test, before the loop and again at the end of each
   * pass, and returns the test; or, when those statements only compute the test (each value read
   * once, by the next, and by nothing else in the method), writes nothing and returns the test as
   * one expression, as the source wrote it ({@code i < x.length - 1}): the form the JIT recognises
   * as a counted loop, in fewer bytes of code.
   */
  CodeBlock test(Node.While loop, CodeBlock.Builder out, int depth) {
    java.util.Optional<JavaExpr> inline = inlineTests.of(loop);
    if (inline.isPresent()) {
      return inline.get().code();
    }
    loop.condition().forEach(n -> forwardStatement(n, out, depth + 1, false));
    return primal(loop.test()).code();
  }

  void saveBeforeOverwrite(Node node, CodeBlock.Builder out) {
    List<Value.Var> overwritten = new ArrayList<>();
    node.target()
        .filter(ctx.loops::saved)
        .filter(v -> !ctx.loops.steps().containsKey(node))
        .ifPresent(overwritten::add);
    if (node instanceof Node.CallDifferentiable call && ctx.loops.saved(call.result())) {
      overwritten.add(call.result());
    }
    for (Value.Var v : overwritten) {
      boolean object = v == resultOf(node);
      if (ctx.cursor != null && TapeCursor.carries(v.type(), object)) {
        out.add(
            "$L",
            ctx.cursor.push(
                v.name(), node.origin() + ": the reverse sweep needs the value it overwrites"));
        continue;
      }
      out.add(
          "$L.$L($L); // $L: the reverse sweep needs the value it overwrites\n",
          ctx.tape(),
          TapeCursor.pushMethod(v.type(), object),
          v.name(),
          node.origin());
    }
    if (ctx.loops.keepsAdjointArray(node)) {
      out.add(
          "$L.pushObject($L); // $L\n",
          ctx.tape(),
          ctx.adjoint(node.target().orElseThrow()),
          node.origin());
    }
  }

  void forwardCall(Node.CallDifferentiable call, CodeBlock.Builder out, int depth) {
    DifferentiableCallee callee = call.callee();
    String receiver = call.onReceiver() ? "self" + (call.args().isEmpty() ? "" : ", ") : "";
    if (!ctx.activity.isActive(call.targetVar())) {
      define(
          out,
          call.targetVar(),
          CodeBlock.of(
              "$L$L($L$L).$L()",
              ctx.classNames.qualifier(callee),
              callee.method(),
              receiver,
              arguments(call.args()),
              valueComponent(callee)),
          call.origin(),
          depth,
          null);
      return;
    }
    CodeBlock declaration =
        depth == 0 ? CodeBlock.of("$L ", ctx.classNames.recordType(callee)) : CodeBlock.of("");
    if (depth == 0) {
      ctx.topLevel.add(new SweepLocal(ctx.classNames.recordClass(callee), call.result().name()));
    }
    out.add(
        "$L$L = $L$L($L$L); // $L\n",
        declaration,
        call.result().name(),
        ctx.classNames.qualifier(callee),
        callee.method(),
        receiver,
        arguments(call.args()),
        call.origin());
    define(
        out,
        call.targetVar(),
        CodeBlock.of("$L.$L()", call.result().name(), valueComponent(callee)),
        call.origin(),
        depth,
        null);
  }

  void define(
      CodeBlock.Builder out,
      Value.Var target,
      CodeBlock code,
      Origin origin,
      int depth,
      String note) {
    String type =
        ctx.topLevel.declaresAtTop(depth, target.type(), target.name())
            ? target.type().javaName() + " "
            : "";
    String comment = note == null ? origin.toString() : origin + ": " + note;
    out.add("$L$L = $L; // $L\n", type, target.name(), code, comment);
  }
}
