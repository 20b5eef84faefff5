package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The parse pass: lowers the javac tree of one {@code @Differentiable} method body to the IR.
 *
 * <p>Bodies are parsed but not attributed while annotation processors run, so this pass types every
 * expression itself, from declared types, the compilation unit's imports, and the return types of
 * the calls it knows. Whatever lies outside the supported subset is a diagnostic that points at the
 * exact tree, never a guess. This file holds the entry point and loops; the layers below it, one
 * file each, hold the rest (see {@link LoweringContext}).
 */
public final class MethodLowering extends StatementLowering {
  private MethodLowering(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    super(trees, elements, registry, declaration, unit);
  }

  /** The result of the pass: the IR, the names it used, and the way back to source trees. */
  public record Lowered(IrFunction function, Names names, Map<Long, Tree> sourceMap) {}

  /** Lowers {@code declaration}'s body; throws {@link DiagnosticException} on unsupported code. */
  public static Lowered lower(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration) {
    MethodTree tree = trees.getTree(declaration.method());
    CompilationUnitTree unit = trees.getPath(declaration.method()).getCompilationUnit();
    return new MethodLowering(trees, elements, registry, declaration, unit).run(tree);
  }

  private Lowered run(MethodTree tree) {
    reserveSourceNames(tree);
    names.reserve("self"); // generated code's receiver parameter
    names.reserve("tensors"); // generated tensor code's algebra
    names.reserve("noGrad"); // generated tensor code's no-grad scope
    names.reserve("reverseStart"); // where generated tensor code's reverse sweep begins
    List<IrFunction.Parameter> parameters = new ArrayList<>();
    List<? extends VariableElement> params = declaration.method().getParameters();
    for (int i = 0; i < params.size(); i++) {
      String name = names.forSourceVariable(params.get(i).getSimpleName().toString());
      Value.Var var = new Value.Var(name, declaration.parameterTypes().get(i));
      scope.declare(new Scope.Binding(name, var.type(), var));
      boolean owned = params.get(i).getAnnotation(dev.adjoint.annotations.Owned.class) != null;
      if (owned && !var.type().isArray()) {
        throw DiagnosticException.atDeclaration(
            dev.adjoint.processor.diag.DiagnosticId.ADJ107,
            "@Owned on parameter '"
                + params.get(i).getSimpleName()
                + "' of "
                + declaration.signature()
                + ": only an array parameter can be owned (overwritten) by the method");
      }
      if (var.type().isArray() && !owned) {
        inputArrays.add(var);
      }
      parameters.add(new IrFunction.Parameter(var, declaration.differentiated().get(i), owned));
    }
    lowerBody(tree);
    Optional<String> receiver =
        isInstanceMethod ? Optional.of(owner.getQualifiedName().toString()) : Optional.empty();
    IrFunction function =
        new IrFunction(
            declaration.method().getSimpleName().toString(),
            GeneratedNames.resultRecord(declaration.method()),
            parameters,
            declaration.returnType(),
            receiver,
            out,
            List.copyOf(fieldLeaves.values()));
    if (function.usesTensors()
        && function.fieldLeaves().isEmpty()
        && parameters.stream()
            .noneMatch(p -> p.differentiated() && p.variable().type() == IrType.TENSOR)) {
      throw DiagnosticException.atDeclaration(
          DiagnosticId.ADJ107,
          "@Differentiable method "
              + function.name()
              + " reads no tensor to differentiate with respect to: it needs a Tensor parameter"
              + " not marked @NoDerivative, or must read tensors (or Linear layers) from fields of"
              + " its model");
    }
    return new Lowered(function, names, sourceMap);
  }

  private void lowerBody(MethodTree tree) {
    List<? extends StatementTree> statements = tree.getBody().getStatements();
    boolean onlyFinalReturn = JumpScanner.endsInItsOnlyReturn(statements);
    if (!onlyFinalReturn) {
      // returns inside branches or loops set these; the method returns 'result' at its end
      returnedBinding = syntheticBinding("returned", IrType.BOOLEAN);
      assign(returnedBinding, FALSE, false, tree);
      resultBinding = syntheticBinding("result", declaration.returnType());
    }
    lowerStatements(statements);
    if (onlyFinalReturn) {
      return;
    }
    // javac has checked that every path returns; the last value assigned is the result
    emit(new Node.Return(orDefault(resultBinding.current, resultBinding.type), origin(tree)));
  }

  /**
   * A loop, in one form for all of Java's: {@code test} (evaluated before every pass), {@code
   * body}, {@code update}; {@code bodyFirst} for do-while. Source variables the loop assigns are
   * <em>pinned</em> to one IR variable each for the whole loop, since their values flow around the
   * back edge.
   */
  private void lowerLoop(
      Tree loop,
      String label,
      Supplier<Value> test,
      Runnable bodyPrefix,
      StatementTree body,
      Runnable update,
      boolean bodyFirst,
      Set<Scope.Binding> alsoPinned) {
    JumpScanner.LoopJumps jumps = JumpScanner.scanLoopBody(body, label);
    Origin origin = origin(loop);
    Scope.Binding exit = jumps.exitsLoop() ? flag(names.fresh("exit"), false, loop) : null;
    Scope.Binding cont = jumps.continuesLoop() ? flag(names.fresh("cont"), false, loop) : null;
    Scope.Binding first = bodyFirst ? flag(names.fresh("first"), true, loop) : null;

    Set<String> assigned = JumpScanner.assignedNames(loop);
    Set<Scope.Binding> flags = new HashSet<>(alsoPinned);
    flags.addAll(Arrays.asList(exit, cont, first, resultBinding, returnedBinding));
    loops.forEach(l -> flags.addAll(Arrays.asList(l.exit, l.cont)));
    List<Scope.Binding> newlyPinned = new ArrayList<>();
    for (Scope.Binding binding : scope.snapshot().keySet()) {
      if ((assigned.contains(binding.sourceName) || flags.contains(binding))
          && !pinned.contains(binding)) {
        Value.Var carried =
            new Value.Var(names.forSourceVariable(binding.sourceName), binding.type);
        emit(new Node.Copy(carried, orDefault(binding.current, binding.type), origin));
        binding.current = carried;
        pinned.add(binding);
        newlyPinned.add(binding);
      }
    }
    loops.push(new LoopContext(label, exit, cont));
    try {
      // before each pass: !exit && (first || test)
      List<Node> saved = out;
      List<Node> conditionNodes = new ArrayList<>();
      out = conditionNodes;
      Supplier<Value> passTest =
          first == null ? test : () -> either(currentValue(first, loop), () -> TRUE, test, origin);
      Value proceed =
          exit == null
              ? passTest.get()
              : either(not(currentValue(exit, loop), origin), passTest, () -> FALSE, origin);
      out = saved;

      List<Node> bodyNodes =
          capture(
              () -> {
                if (first != null) {
                  assign(first, FALSE, false, loop);
                }
                if (cont != null) {
                  assign(cont, FALSE, false, loop);
                }
                bodyPrefix.run();
                lowerStatements(List.of(body));
                if (exit == null) {
                  update.run();
                } else {
                  branch(not(currentValue(exit, loop), origin), update, () -> {}, origin);
                }
              });
      emit(new Node.While(conditionNodes, proceed, bodyNodes, origin));
    } finally {
      loops.pop();
      pinned.removeAll(newlyPinned);
    }
  }

  private Scope.Binding flag(String name, boolean initial, Tree where) {
    Scope.Binding binding = syntheticBinding(name, IrType.BOOLEAN);
    assign(binding, initial ? TRUE : FALSE, false, where);
    return binding;
  }

  /** {@code cond ? whenTrue : whenFalse}, evaluating only the arm taken. */
  private Value either(
      Value cond, Supplier<Value> whenTrue, Supplier<Value> whenFalse, Origin origin) {
    Value.Var target = temporary(IrType.BOOLEAN);
    List<Node> thenNodes = capture(() -> emit(new Node.Copy(target, whenTrue.get(), origin)));
    List<Node> elseNodes = capture(() -> emit(new Node.Copy(target, whenFalse.get(), origin)));
    emit(new Node.If(cond, thenNodes, elseNodes, origin));
    return target;
  }

  @Override
  void lowerWhile(WhileLoopTree loop, String label) {
    lowerLoop(
        loop,
        label,
        () -> lowerCondition(loop.getCondition()),
        () -> {},
        loop.getStatement(),
        () -> {},
        false,
        Set.of());
  }

  @Override
  void lowerDoWhile(DoWhileLoopTree loop, String label) {
    lowerLoop(
        loop,
        label,
        () -> lowerCondition(loop.getCondition()),
        () -> {},
        loop.getStatement(),
        () -> {},
        true,
        Set.of());
  }

  @Override
  void lowerFor(ForLoopTree loop, String label) {
    scope.enterBlock();
    lowerStatements(loop.getInitializer());
    Supplier<Value> test =
        loop.getCondition() == null ? () -> TRUE : () -> lowerCondition(loop.getCondition());
    lowerLoop(
        loop,
        label,
        test,
        () -> {},
        loop.getStatement(),
        () -> loop.getUpdate().forEach(u -> lowerExpressionStatement(u.getExpression())),
        false,
        Set.of());
    scope.exitBlock();
  }

  /** {@code for (T v : array) body} runs as {@code for (int k = 0; k < array.length; k++)}. */
  @Override
  void lowerEnhancedFor(EnhancedForLoopTree loop, String label) {
    Value iterable = lowerExpression(loop.getExpression());
    if (!(iterable instanceof Value.Var array) || !array.type().isArray()) {
      throw unsupported(
          loop.getExpression(),
          "iterating over anything but an array",
          "loop over an array, or use an index");
    }
    scope.enterBlock();
    Origin origin = origin(loop);
    Scope.Binding index = syntheticBinding(names.fresh("k"), IrType.INT);
    assign(index, new Value.Const("0", IrType.INT), false, loop);
    Value.Var length = temporary(IrType.INT);
    emit(new Node.ArrayLength(length, array, origin));
    VariableTree variable = loop.getVariable();
    IrType declared =
        variable.getType() == null || variable.getType().toString().equals("var")
            ? array.type().elementType()
            : irTypeOf(variable.getType(), variable);
    lowerLoop(
        loop,
        label,
        () -> operate(JavaOperator.LESS, IrType.BOOLEAN, currentValue(index, loop), length, loop),
        () -> {
          Value.Var element = temporary(array.type().elementType());
          emit(new Node.ArrayLoad(element, array, currentValue(index, loop), origin));
          Scope.Binding binding = new Scope.Binding(variable.getName().toString(), declared, null);
          assign(binding, element, false, variable);
          scope.declare(binding);
        },
        loop.getStatement(),
        () ->
            assign(index, binary(Tree.Kind.PLUS, currentValue(index, loop), ONE, loop), true, loop),
        false,
        Set.of(index));
    scope.exitBlock();
  }

  private void reserveSourceNames(MethodTree tree) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        names.reserve(node.getName().toString());
        return null;
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.reserve(node.getName().toString());
        return super.visitVariable(node, unused);
      }
    }.scan(tree, null);
  }
}
