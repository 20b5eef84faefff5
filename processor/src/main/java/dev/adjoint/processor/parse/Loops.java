package dev.adjoint.processor.parse;

import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.FieldRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;

/**
 * Loops: {@code while}, {@code do}, {@code for} and enhanced {@code for} all become one structured
 * {@link Node.While}. Source variables a loop assigns are <em>pinned</em> to one IR variable each
 * for the whole loop, since their values flow around the back edge; jumps out of it are flags
 * ({@link Control.Target}).
 */
final class Loops {
  private static final Value ONE = new Value.Const("1", IrType.INT);

  private final Statements statements;
  private final Expressions expressions;

  Loops(Statements statements, Expressions expressions) {
    this.statements = statements;
    this.expressions = expressions;
  }

  void whileLoop(WhileLoopTree loop, String label, Frame frame) {
    Function<Frame, Value> test = f -> expressions.condition(loop.getCondition(), f);
    lower(loop, label, test, f -> {}, loop.getStatement(), f -> {}, false, Set.of(), frame);
  }

  void doWhileLoop(DoWhileLoopTree loop, String label, Frame frame) {
    Function<Frame, Value> test = f -> expressions.condition(loop.getCondition(), f);
    lower(loop, label, test, f -> {}, loop.getStatement(), f -> {}, true, Set.of(), frame);
  }

  void forLoop(ForLoopTree loop, String label, Frame outer) {
    Frame frame = outer.inBlock();
    statements.statements(loop.getInitializer(), frame);
    Function<Frame, Value> test =
        loop.getCondition() == null
            ? f -> Jumps.TRUE
            : f -> expressions.condition(loop.getCondition(), f);
    Consumer<Frame> update =
        f -> loop.getUpdate().forEach(u -> statements.expressionStatement(u.getExpression(), f));
    lower(loop, label, test, f -> {}, loop.getStatement(), update, false, Set.of(), frame);
  }

  /** {@code for (T v : array) body} runs as {@code for (int k = 0; k < array.length; k++)}. */
  void enhancedForLoop(EnhancedForLoopTree loop, String label, Frame outer) {
    Optional<VariableElement> list = listOfSubModels(loop.getExpression(), outer);
    if (list.isPresent()) {
      subModelLoop(loop, label, list.get(), outer);
      return;
    }
    Value iterable = expressions.lower(loop.getExpression(), outer);
    if (!(iterable instanceof Value.Var array) || !array.type().isArray()) {
      throw Typing.unsupported(
          loop.getExpression(),
          "iterating over anything but an array",
          "loop over an array, or use an index");
    }
    Frame frame = outer.inBlock();
    Origin origin = frame.origin(loop);
    Scope.Binding index = Assignments.synthetic(frame.state().names.fresh("k"), IrType.INT, frame);
    Assignments.assign(index, new Value.Const("0", IrType.INT), false, loop, frame);
    Value.Var length = frame.temporary(IrType.INT);
    frame.emit(new Node.ArrayLength(length, array, origin));
    VariableTree variable = loop.getVariable();
    IrType declared =
        Typing.isInferred(variable.getType())
            ? array.type().elementType()
            : Typing.of(variable.getType(), variable);
    Function<Frame, Value> test =
        f ->
            Operators.operate(
                JavaOperator.LESS, IrType.BOOLEAN, Assignments.read(index, loop), length, loop, f);
    Consumer<Frame> element =
        f -> {
          Value.Var value = f.temporary(array.type().elementType());
          f.emit(new Node.ArrayLoad(value, array, Assignments.read(index, loop), origin));
          Scope.Binding binding = new Scope.Binding(variable.getName().toString(), declared, null);
          Assignments.assign(binding, value, false, variable, f);
          f.scope().declare(binding);
        };
    Consumer<Frame> step =
        f -> {
          Value next =
              Operators.binary(Tree.Kind.PLUS, Assignments.read(index, loop), ONE, loop, f);
          Assignments.assign(index, next, true, loop, f);
        };
    lower(loop, label, test, element, loop.getStatement(), step, false, Set.of(index), frame);
  }

  /** The field {@code expression} names if it is a {@code List} of objects: sub-models. */
  private Optional<VariableElement> listOfSubModels(ExpressionTree expression, Frame frame) {
    String name;
    if (expression instanceof IdentifierTree id
        && frame.scope().lookup(id.getName().toString()).isEmpty()) {
      name = id.getName().toString();
    } else if (expression instanceof MemberSelectTree select
        && FieldReads.isThis(select.getExpression())) {
      name = select.getIdentifier().toString();
    } else {
      return Optional.empty();
    }
    return expressions
        .fieldReads()
        .find(frame.source().owner(), name)
        .filter(f -> elementClass(f).isPresent());
  }

  /** The class of a {@code List<M>} or {@code M[]} field's elements. */
  private static Optional<TypeElement> elementClass(VariableElement field) {
    if (field.asType() instanceof ArrayType array) {
      // an array of sub-models (an array of java.* objects, String[], is left to the array loop)
      return array.getComponentType() instanceof DeclaredType element
              && !((TypeElement) element.asElement())
                  .getQualifiedName()
                  .toString()
                  .startsWith("java.")
          ? Optional.of((TypeElement) element.asElement())
          : Optional.empty();
    }
    if (!(field.asType() instanceof DeclaredType declared)
        || !((TypeElement) declared.asElement()).getQualifiedName().contentEquals("java.util.List")
        || declared.getTypeArguments().size() != 1
        || !(declared.getTypeArguments().get(0) instanceof DeclaredType element)) {
      return Optional.empty();
    }
    return Optional.of((TypeElement) element.asElement());
  }

  /**
   * {@code for (M m : list) body} over a field holding a {@code List} of sub-models: a counted loop
   * over {@code list.size()}, whose body calls {@code m}'s {@code @Differentiable} methods on the
   * pass's element ({@link SubModelElement}); its parameters are the leaves of the pass.
   */
  private void subModelLoop(
      EnhancedForLoopTree loop, String label, VariableElement field, Frame outer) {
    String fieldName = field.getSimpleName().toString();
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          loop.getExpression(),
          "field '"
              + fieldName
              + "' is private; the generated class cannot read the sub-models' parameters through"
              + " it: make it package-private");
    }
    FieldReads.requireInstance(field, loop.getExpression(), outer);
    String variable = loop.getVariable().getName().toString();
    TypeElement model = elementClass(field).orElseThrow();
    if (model.getQualifiedName().contentEquals(IrType.TENSOR_CLASS)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          loop.getExpression(),
          "a for-each over the tensors of field '"
              + fieldName
              + "' is not differentiated: hold each tensor in a field of its own, or stack them"
              + " into one tensor and index it (select, narrow)");
    }
    if (model.getQualifiedName().contentEquals("java.util.List")) {
      // each read would name two counters, the outer list's and the inner's, where the IR has one
      throw Typing.unsupported(
          loop.getExpression(),
          "a for-each over a list of lists of sub-models",
          "make each inner list a sub-model of its own, a class holding a final "
              + ((DeclaredType) field.asType()).getTypeArguments().get(0)
              + " with a @Differentiable forward that loops over it; then "
              + TensorCallees.NESTED_LISTS_FIX);
    }
    if (!outer.state().elements.isEmpty()) {
      throw Typing.unsupported(
          loop,
          "a for-each over a list of sub-models inside another",
          TensorCallees.NESTED_LISTS_FIX);
    }
    Frame frame = outer.inBlock();
    Scope.Binding index = Assignments.synthetic(frame.state().names.fresh("k"), IrType.INT, frame);
    Assignments.assign(index, new Value.Const("0", IrType.INT), false, loop, frame);
    boolean array = field.asType() instanceof ArrayType;
    // an array's length is a field of it, as the generated code reads it: self.layers.length
    Value size =
        Value.Const.of(
            array
                ? new FieldRef(Optional.empty(), List.of(fieldName, "length"), Optional.empty())
                : FieldRef.ofReceiver(fieldName).thenCall("size"),
            IrType.INT);
    Function<Frame, Value> test =
        f ->
            Operators.operate(
                JavaOperator.LESS, IrType.BOOLEAN, Assignments.read(index, loop), size, loop, f);
    Consumer<Frame> element =
        f ->
            f.state()
                .elements
                .put(
                    variable,
                    new SubModelElement(
                        model,
                        array
                            ? fieldName + "[" + Node.ElementRead.INDEX + "]"
                            : fieldName + ".get(" + Node.ElementRead.INDEX + ")",
                        (Value.Var) Assignments.read(index, loop)));
    Consumer<Frame> step =
        f -> {
          Value next =
              Operators.binary(Tree.Kind.PLUS, Assignments.read(index, loop), ONE, loop, f);
          Assignments.assign(index, next, true, loop, f);
        };
    try {
      lower(loop, label, test, element, loop.getStatement(), step, false, Set.of(index), frame);
    } finally {
      outer.state().elements.remove(variable);
    }
  }

  /**
   * A loop, in one form for all of Java's: {@code test} (evaluated before every pass), {@code
   * body}, {@code update}; {@code bodyFirst} for do-while.
   */
  private void lower(
      Tree loop,
      String label,
      Function<Frame, Value> test,
      Consumer<Frame> bodyPrefix,
      StatementTree body,
      Consumer<Frame> update,
      boolean bodyFirst,
      Set<Scope.Binding> alsoPinned,
      Frame frame) {
    JumpScanner.LoopJumps jumps = JumpScanner.scanLoopBody(body, label);
    Origin origin = frame.origin(loop);
    Scope.Binding exit = jumps.exitsLoop() ? flag("exit", false, loop, frame) : null;
    Scope.Binding cont = jumps.continuesLoop() ? flag("cont", false, loop, frame) : null;
    Scope.Binding first = bodyFirst ? flag("first", true, loop, frame) : null;

    Set<String> assigned = JumpScanner.assignedNames(loop);
    Control control = frame.control();
    // every flag is assigned in the loop, or may be (by a jump): pinned too
    Set<Scope.Binding> flags = new HashSet<>(alsoPinned);
    flags.addAll(Arrays.asList(exit, cont, first));
    control.returns().ifPresent(r -> flags.addAll(List.of(r.result(), r.returned())));
    control.targets().forEach(t -> flags.addAll(Arrays.asList(t.exit(), t.cont())));
    Set<Scope.Binding> pinned = new LinkedHashSet<>();
    for (Scope.Binding binding : frame.scope().snapshot().keySet()) {
      if ((assigned.contains(binding.sourceName) || flags.contains(binding))
          && !control.isPinned(binding)) {
        Value.Var carried =
            new Value.Var(frame.state().names.forSourceVariable(binding.sourceName), binding.type);
        frame.emit(
            new Node.Copy(carried, Assignments.orDefault(binding.current, binding.type), origin));
        frame.state().inheritMarks(carried, binding.current); // an input's alias stays one
        binding.current = carried;
        pinned.add(binding);
      }
    }
    Frame inLoop =
        frame.withControl(control.inside(new Control.Target(label, exit, cont, false, pinned)));
    // before each pass: !exit && (first || test)
    Block conditionNodes = new Block();
    Frame inCondition = inLoop.into(conditionNodes);
    Function<Frame, Value> passTest =
        first == null
            ? test
            : f -> either(Assignments.read(first, loop), g -> Jumps.TRUE, test, origin, f);
    Value proceed =
        exit == null
            ? passTest.apply(inCondition)
            : either(
                Operators.not(Assignments.read(exit, loop), origin, inCondition),
                passTest,
                g -> Jumps.FALSE,
                origin,
                inCondition);

    Frame inBody = inLoop.nested();
    if (first != null) {
      Assignments.assign(first, Jumps.FALSE, false, loop, inBody);
    }
    if (cont != null) {
      Assignments.assign(cont, Jumps.FALSE, false, loop, inBody);
    }
    bodyPrefix.accept(inBody);
    statements.statements(List.of(body), inBody);
    if (exit == null) {
      update.accept(inBody);
    } else {
      statements.branch(
          Operators.not(Assignments.read(exit, loop), origin, inBody),
          update,
          f -> {},
          origin,
          inBody);
    }
    frame.emit(new Node.While(conditionNodes.nodes(), proceed, inBody.block().nodes(), origin));
  }

  private static Scope.Binding flag(String base, boolean initial, Tree where, Frame frame) {
    Scope.Binding binding =
        Assignments.synthetic(frame.state().names.fresh(base), IrType.BOOLEAN, frame);
    Assignments.assign(binding, initial ? Jumps.TRUE : Jumps.FALSE, false, where, frame);
    return binding;
  }

  /** {@code cond ? whenTrue : whenFalse}, evaluating only the arm taken. */
  private static Value either(
      Value cond,
      Function<Frame, Value> whenTrue,
      Function<Frame, Value> whenFalse,
      Origin origin,
      Frame frame) {
    Value.Var target = frame.temporary(IrType.BOOLEAN);
    Frame thenFrame = frame.nested();
    thenFrame.emit(new Node.Copy(target, whenTrue.apply(thenFrame), origin));
    Frame elseFrame = frame.nested();
    elseFrame.emit(new Node.Copy(target, whenFalse.apply(elseFrame), origin));
    frame.emit(new Node.If(cond, thenFrame.block().nodes(), elseFrame.block().nodes(), origin));
    return target;
  }
}
