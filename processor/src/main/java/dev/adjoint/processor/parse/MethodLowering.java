package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The parse pass: lowers the javac tree of one {@code @Differentiable} method body to the IR.
 *
 * <p>Bodies are parsed but not attributed while annotation processors run, so this pass types every
 * expression itself, from declared types, the compilation unit's imports, and the return types of
 * the calls it knows. Whatever lies outside the supported subset is a diagnostic that points at the
 * exact tree, never a guess.
 */
public final class MethodLowering {
  private static final String ADJOINT_MARKERS = "dev.adjoint.Adjoint";

  private final Elements elements;
  private final DerivativeRegistry registry;
  private final DifferentiableDeclaration declaration;
  private final TypeElement owner;
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final TypeResolver resolver;
  private final String fileName;
  private final boolean isInstanceMethod;
  private final Names names = new Names();
  private final Scope scope = new Scope();
  private final Set<Value.Var> temporaries = new HashSet<>();
  private final Set<Value.Var> inputArrays = new HashSet<>();
  private final Map<Long, Tree> sourceMap = new HashMap<>();
  private static final Value TRUE = new Value.Const("true", IrType.BOOLEAN);
  private static final Value FALSE = new Value.Const("false", IrType.BOOLEAN);
  private static final Value ONE = new Value.Const("1", IrType.INT);

  private List<Node> out = new ArrayList<>();

  /** The result of the pass: the IR, the names it used, and the way back to source trees. */
  public record Lowered(IrFunction function, Names names, Map<Long, Tree> sourceMap) {}

  private MethodLowering(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    this.elements = elements;
    this.registry = registry;
    this.declaration = declaration;
    this.owner = (TypeElement) declaration.method().getEnclosingElement();
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    this.resolver = new TypeResolver(elements, unit, owner);
    String path = unit.getSourceFile().getName();
    this.fileName = path.substring(path.lastIndexOf('/') + 1);
    this.isInstanceMethod = !declaration.method().getModifiers().contains(Modifier.STATIC);
  }

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
    List<IrFunction.Parameter> parameters = new ArrayList<>();
    List<? extends VariableElement> params = declaration.method().getParameters();
    for (int i = 0; i < params.size(); i++) {
      String name = names.forSourceVariable(params.get(i).getSimpleName().toString());
      Value.Var var = new Value.Var(name, declaration.parameterTypes().get(i));
      scope.declare(new Scope.Binding(name, var.type(), var));
      if (var.type().isArray()) {
        inputArrays.add(var);
      }
      parameters.add(new IrFunction.Parameter(var, declaration.differentiated().get(i)));
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
            out);
    return new Lowered(function, names, sourceMap);
  }

  // ---------------------------------------------------------------- statements

  /**
   * A loop being lowered: its label, and the flags that jumps out of it set. The IR has no jumps;
   * {@code break} sets {@code exit} (of this loop and every loop inside it), {@code continue} sets
   * {@code cont}, and the statements after a jump run only while no flag is set.
   */
  private static final class LoopContext {
    final String label;
    final Scope.Binding exit;
    final Scope.Binding cont;

    LoopContext(String label, Scope.Binding exit, Scope.Binding cont) {
      this.label = label;
      this.exit = exit;
      this.cont = cont;
    }
  }

  private final Deque<LoopContext> loops = new ArrayDeque<>();
  private final Set<Scope.Binding> pinned = new HashSet<>();
  private Scope.Binding resultBinding;
  private Scope.Binding returnedBinding;
  private int nesting;
  private String pendingLabel;

  private void lowerBody(MethodTree tree) {
    List<? extends StatementTree> statements = tree.getBody().getStatements();
    boolean onlyFinalReturn =
        !statements.isEmpty()
            && statements.get(statements.size() - 1).getKind() == Tree.Kind.RETURN
            && JumpScanner.returns(statements.subList(0, statements.size() - 1)).isEmpty();
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

  private Scope.Binding syntheticBinding(String name, IrType type) {
    Scope.Binding binding = new Scope.Binding(name, type, null);
    names.reserve(name);
    scope.declare(binding);
    return binding;
  }

  /**
   * A statement list. After a statement that may jump (break, continue, return), the rest of the
   * list runs only if no jump happened: it is lowered inside an if on the jump flags.
   */
  private void lowerStatements(List<? extends StatementTree> statements) {
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      lowerStatement(statement);
      List<? extends StatementTree> rest = statements.subList(i + 1, statements.size());
      if (rest.isEmpty()) {
        return;
      }
      Optional<Value> noJump = noJumpCondition(statement);
      if (noJump.isPresent()) {
        branch(noJump.get(), () -> lowerStatements(rest), () -> {}, origin(rest.get(0)));
        return;
      }
    }
  }

  /** The condition under which no jump out of {@code statement} happened, if it can jump. */
  private Optional<Value> noJumpCondition(StatementTree statement) {
    JumpScanner.Jumps jumps = JumpScanner.scan(statement);
    List<Scope.Binding> flags = new ArrayList<>();
    LoopContext innermost = loops.peek();
    if (jumps.returns() && returnedBinding != null) {
      flags.add(innermost != null ? innermost.exit : returnedBinding);
    }
    for (String label : jumps.breaks()) {
      flags.add(loopFor(label, statement).exit);
    }
    for (String label : jumps.continues()) {
      LoopContext target = loopFor(label, statement);
      flags.add(target == innermost ? target.cont : innermost.exit);
    }
    List<Scope.Binding> distinct = flags.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return Optional.empty();
    }
    Value anyJump = currentValue(distinct.get(0), statement);
    for (Scope.Binding flag : distinct.subList(1, distinct.size())) {
      anyJump =
          operate(
              JavaOperator.OR, IrType.BOOLEAN, anyJump, currentValue(flag, statement), statement);
    }
    Value.Var noJump = temporary(IrType.BOOLEAN);
    emit(new Node.Operate(noJump, JavaOperator.NOT, List.of(anyJump), origin(statement)));
    return Optional.of(noJump);
  }

  private LoopContext loopFor(String label, Tree where) {
    if (label == null) {
      if (loops.isEmpty()) {
        throw new DiagnosticException(DiagnosticId.ADJ101, where, "break outside a loop");
      }
      return loops.peek();
    }
    for (LoopContext loop : loops) {
      if (label.equals(loop.label)) {
        return loop;
      }
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ101, where, "no enclosing loop is labeled '" + label + "'");
  }

  private void lowerStatement(StatementTree statement) {
    String label = pendingLabel;
    pendingLabel = null;
    switch (statement.getKind()) {
      case VARIABLE -> lowerDeclaration((VariableTree) statement);
      case EXPRESSION_STATEMENT ->
          lowerExpressionStatement(((ExpressionStatementTree) statement).getExpression());
      case RETURN -> lowerReturn((ReturnTree) statement);
      case BLOCK -> {
        scope.enterBlock();
        lowerStatements(((BlockTree) statement).getStatements());
        scope.exitBlock();
      }
      case IF -> lowerIf((IfTree) statement);
      case EMPTY_STATEMENT -> {}
      case LABELED_STATEMENT -> {
        LabeledStatementTree labeled = (LabeledStatementTree) statement;
        pendingLabel = labeled.getLabel().toString();
        lowerStatement(labeled.getStatement());
        pendingLabel = null;
      }
      case WHILE_LOOP -> lowerWhile((WhileLoopTree) statement, label);
      case DO_WHILE_LOOP -> lowerDoWhile((DoWhileLoopTree) statement, label);
      case FOR_LOOP -> lowerFor((ForLoopTree) statement, label);
      case ENHANCED_FOR_LOOP -> lowerEnhancedFor((EnhancedForLoopTree) statement, label);
      case BREAK -> lowerBreak((BreakTree) statement);
      case CONTINUE -> lowerContinue((ContinueTree) statement);
      case TRY ->
          unsupportedStatement(
              statement,
              "try blocks",
              "differentiable code is pure:"
                  + " handle exceptions outside the @Differentiable method");
      case SYNCHRONIZED ->
          unsupportedStatement(
              statement, "synchronized blocks", "differentiable code is pure and needs no locks");
      case THROW ->
          unsupportedStatement(
              statement,
              "throw statements",
              "check arguments before calling the @Differentiable method");
      case SWITCH ->
          unsupportedStatement(statement, "switch statements", "use if/else or ?: instead");
      default ->
          unsupportedStatement(
              statement,
              statement.getKind().toString().toLowerCase().replace('_', ' ') + " statements",
              "rewrite it with assignments, if/else and loops");
    }
  }

  private void unsupportedStatement(Tree tree, String what, String fix) {
    throw new DiagnosticException(
        DiagnosticId.ADJ101, tree, what + " are not supported in @Differentiable methods; " + fix);
  }

  private void lowerDeclaration(VariableTree variable) {
    String name = variable.getName().toString();
    IrType type;
    Value init = null;
    // before attribution, javac leaves the type of a 'var' declaration empty
    if (variable.getType() == null || variable.getType().toString().equals("var")) {
      if (variable.getInitializer() == null) {
        throw new DiagnosticException(DiagnosticId.ADJ101, variable, "'var' needs an initializer");
      }
      init = lowerExpression(variable.getInitializer());
      type = init.type();
    } else if (variable.getType() instanceof PrimitiveTypeTree
        || variable.getType() instanceof ArrayTypeTree array
            && array.getType() instanceof PrimitiveTypeTree) {
      type = irTypeOf(variable.getType(), variable);
    } else {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          variable.getType(),
          "local '"
              + name
              + "' has type "
              + variable.getType()
              + "; @Differentiable methods"
              + " compute with double, float, int, long and boolean values and one-dimensional"
              + " arrays of them");
    }
    Scope.Binding binding = new Scope.Binding(name, type, null);
    if (variable.getInitializer() != null) {
      if (init == null) {
        // the {a, b} shorthand has no type of its own: its elements are the declared array's
        init =
            variable.getInitializer() instanceof NewArrayTree shorthand
                    && shorthand.getType() == null
                    && type.isArray()
                ? lowerNewArray(shorthand, type.elementType())
                : lowerExpression(variable.getInitializer());
      }
      assign(binding, init, false, variable);
    } else if (type.isArray()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ101, variable, "array variable '" + name + "' needs an initializer");
    }
    scope.declare(binding);
  }

  private IrType irTypeOf(Tree type, Tree where) {
    if (type instanceof PrimitiveTypeTree primitive) {
      return switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE -> IrType.DOUBLE;
        case FLOAT -> IrType.FLOAT;
        case LONG -> IrType.LONG;
        case INT, SHORT, BYTE, CHAR -> IrType.INT;
        case BOOLEAN -> IrType.BOOLEAN;
        default ->
            throw new DiagnosticException(
                DiagnosticId.ADJ106, where, "type " + primitive + " is not supported");
      };
    }
    if (type instanceof ArrayTypeTree array && array.getType() instanceof PrimitiveTypeTree) {
      return irTypeOf(array.getType(), where).arrayType();
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ106,
        type,
        "type "
            + type
            + " is not supported; @Differentiable methods compute with double, float,"
            + " int, long and boolean values and one-dimensional arrays of them");
  }

  private void lowerExpressionStatement(ExpressionTree expression) {
    switch (expression.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree assignment = (AssignmentTree) expression;
        if (assignment.getVariable() instanceof ArrayAccessTree element) {
          storeElement(element, lowerExpression(assignment.getExpression()), false, assignment);
          return;
        }
        Scope.Binding target = assignable(assignment.getVariable());
        if (target.type.isArray()) {
          throw new DiagnosticException(
              DiagnosticId.ADJ101,
              assignment,
              "array variable '"
                  + target.sourceName
                  + "' cannot be reassigned; declare a new"
                  + " one");
        }
        assign(target, lowerExpression(assignment.getExpression()), false, assignment);
      }
      case PLUS_ASSIGNMENT,
          MINUS_ASSIGNMENT,
          MULTIPLY_ASSIGNMENT,
          DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT,
          AND_ASSIGNMENT,
          OR_ASSIGNMENT,
          XOR_ASSIGNMENT,
          LEFT_SHIFT_ASSIGNMENT,
          RIGHT_SHIFT_ASSIGNMENT,
          UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        // x op= e means x = (T) (x op e) (JLS 15.26.2)
        CompoundAssignmentTree compound = (CompoundAssignmentTree) expression;
        if (compound.getVariable() instanceof ArrayAccessTree element) {
          ElementRef ref = elementRef(element);
          Value current = load(ref, element);
          Value operand = lowerExpression(compound.getExpression());
          Value result = binary(compoundOperator(compound.getKind()), current, operand, compound);
          store(ref, result, true, compound);
          return;
        }
        Scope.Binding target = assignable(compound.getVariable());
        Value current = currentValue(target, compound.getVariable());
        Value operand = lowerExpression(compound.getExpression());
        Value result = binary(compoundOperator(compound.getKind()), current, operand, compound);
        assign(target, result, true, compound);
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree unary = (UnaryTree) expression;
        boolean up =
            unary.getKind() == Tree.Kind.PREFIX_INCREMENT
                || unary.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        Value one = new Value.Const("1", IrType.INT);
        Tree.Kind op = up ? Tree.Kind.PLUS : Tree.Kind.MINUS;
        if (unary.getExpression() instanceof ArrayAccessTree element) {
          ElementRef ref = elementRef(element);
          store(ref, binary(op, load(ref, element), one, unary), true, unary);
          return;
        }
        Scope.Binding target = assignable(unary.getExpression());
        Value current = currentValue(target, unary.getExpression());
        assign(target, binary(op, current, one, unary), true, unary);
      }
      case METHOD_INVOCATION -> lowerExpression(expression); // pure: the value is dropped
      default ->
          throw new DiagnosticException(
              DiagnosticId.ADJ101,
              expression,
              "this expression statement has no effect; remove it");
    }
  }

  private void lowerReturn(ReturnTree ret) {
    if (ret.getExpression() == null) {
      throw new DiagnosticException(DiagnosticId.ADJ101, ret, "return needs a value");
    }
    Value value = lowerExpression(ret.getExpression());
    IrType type = declaration.returnType();
    if (value.type() != type) {
      if (!type.acceptsWithoutCast(value.type())) {
        throw new DiagnosticException(
            DiagnosticId.ADJ106,
            ret,
            "cannot return a "
                + value.type().javaName()
                + " from a"
                + " method returning "
                + type.javaName());
      }
      Value.Var converted = temporary(type);
      emit(new Node.Convert(converted, value, origin(ret)));
      value = converted;
    }
    if (resultBinding == null) {
      emit(new Node.Return(value, origin(ret)));
      return;
    }
    // a return inside a branch or a loop: keep the value, raise the flags, leave every loop
    assign(resultBinding, value, false, ret);
    assign(returnedBinding, TRUE, false, ret);
    for (LoopContext loop : loops) {
      assign(loop.exit, TRUE, false, ret);
    }
  }

  private void lowerBreak(BreakTree tree) {
    LoopContext target = loopFor(labelOf(tree.getLabel()), tree);
    for (LoopContext loop : loops) {
      assign(loop.exit, TRUE, false, tree);
      if (loop == target) {
        break;
      }
    }
  }

  private void lowerContinue(ContinueTree tree) {
    LoopContext target = loopFor(labelOf(tree.getLabel()), tree);
    for (LoopContext loop : loops) {
      if (loop == target) {
        assign(loop.cont, TRUE, false, tree);
        break;
      }
      assign(loop.exit, TRUE, false, tree); // leave the loops inside the target
    }
  }

  private static String labelOf(javax.lang.model.element.Name label) {
    return label == null ? null : label.toString();
  }

  /**
   * {@code if (c) A else B}: each arm is lowered on its own; a source variable that either arm
   * assigns is merged into one new IR variable, assigned at the end of both arms.
   */
  private void lowerIf(IfTree tree) {
    Value condition = lowerCondition(tree.getCondition());
    branch(
        condition,
        () -> lowerStatement(tree.getThenStatement()),
        () -> {
          if (tree.getElseStatement() != null) {
            lowerStatement(tree.getElseStatement());
          }
        },
        origin(tree));
  }

  /** Lowers a two-way branch, merging the source variables either arm assigns. */
  private void branch(Value condition, Runnable thenArm, Runnable elseArm, Origin origin) {
    Map<Scope.Binding, Value.Var> before = scope.snapshot();
    List<Node> thenNodes = capture(thenArm);
    Map<Scope.Binding, Value.Var> afterThen = scope.snapshot();
    scope.restore(before);
    List<Node> elseNodes = capture(elseArm);
    Map<Scope.Binding, Value.Var> afterElse = scope.snapshot();
    scope.restore(before);
    for (Scope.Binding binding : before.keySet()) {
      Value.Var fromThen = afterThen.get(binding);
      Value.Var fromElse = afterElse.get(binding);
      if (fromThen == before.get(binding) && fromElse == before.get(binding)) {
        continue;
      }
      Value.Var merged = new Value.Var(names.forSourceVariable(binding.sourceName), binding.type);
      thenNodes.add(new Node.Copy(merged, orDefault(fromThen, binding.type), origin));
      elseNodes.add(new Node.Copy(merged, orDefault(fromElse, binding.type), origin));
      binding.current = merged;
    }
    emit(new Node.If(condition, thenNodes, elseNodes, origin));
  }

  private List<Node> capture(Runnable lowering) {
    List<Node> saved = out;
    out = new ArrayList<>();
    scope.enterBlock();
    nesting++;
    try {
      lowering.run();
      return out;
    } finally {
      nesting--;
      scope.exitBlock();
      out = saved;
    }
  }

  // Java's definite assignment rules make an unassigned value unreadable after the branch.
  private static Value orDefault(Value.Var var, IrType type) {
    return var != null ? var : new Value.Const(type == IrType.BOOLEAN ? "false" : "0", type);
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

  private Value not(Value value, Origin origin) {
    Value.Var negated = temporary(IrType.BOOLEAN);
    emit(new Node.Operate(negated, JavaOperator.NOT, List.of(value), origin));
    return negated;
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

  private void lowerWhile(WhileLoopTree loop, String label) {
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

  private void lowerDoWhile(DoWhileLoopTree loop, String label) {
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

  private void lowerFor(ForLoopTree loop, String label) {
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
  private void lowerEnhancedFor(EnhancedForLoopTree loop, String label) {
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

  private Scope.Binding assignable(ExpressionTree target) {
    if (target instanceof IdentifierTree id) {
      Optional<Scope.Binding> binding = scope.lookup(id.getName().toString());
      if (binding.isPresent()) {
        return binding.get();
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ105,
          target,
          "assignment to field '"
              + id.getName()
              + "': @Differentiable methods must not write"
              + " fields; compute into a local variable and return it");
    }
    if (target.getKind() == Tree.Kind.MEMBER_SELECT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ105,
          target,
          "assignment to field '"
              + target
              + "': @Differentiable methods must not write fields;"
              + " compute into a local variable and return it");
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ102, target, "cannot assign to " + target + " in a @Differentiable method");
  }

  private Value currentValue(Scope.Binding binding, Tree where) {
    if (binding.current == null) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111, where, "'" + binding.sourceName + "' is read before it is assigned");
    }
    return binding.current;
  }

  /**
   * Gives {@code binding} a new IR variable holding {@code value}. Where {@code value} is the
   * temporary the previous instruction just made, that instruction defines the new variable
   * directly, so generated code reads {@code double y = t1 + b;}, not {@code y = t2;}.
   */
  private void assign(Scope.Binding binding, Value value, boolean castAllowed, Tree where) {
    if (binding.type.isArray()) {
      if (value.type() != binding.type) {
        throw new DiagnosticException(
            DiagnosticId.ADJ106,
            where,
            "cannot assign a "
                + value.type().javaName()
                + " to "
                + binding.type.javaName()
                + " '"
                + binding.sourceName
                + "'");
      }
    } else if (binding.type == IrType.BOOLEAN) {
      if (value.type() != IrType.BOOLEAN) {
        throw new DiagnosticException(
            DiagnosticId.ADJ106,
            where,
            "cannot assign a "
                + value.type().javaName()
                + " to boolean '"
                + binding.sourceName
                + "'");
      }
    } else if (!value.type().isNumeric()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "cannot assign a "
              + value.type().javaName()
              + " to "
              + binding.type.javaName()
              + " '"
              + binding.sourceName
              + "'");
    }
    // a pinned binding (assigned in a loop) keeps its one variable; others get a new one
    boolean isPinned = pinned.contains(binding) && binding.current != null;
    Value.Var target =
        isPinned
            ? binding.current
            : new Value.Var(names.forSourceVariable(binding.sourceName), binding.type);
    Origin origin = origin(where);
    if (isPinned && value.equals(target)) {
      return; // x = x
    }
    Node last = out.isEmpty() ? null : out.get(out.size() - 1);
    if (value.type() == binding.type
        && value instanceof Value.Var v
        && temporaries.contains(v)
        && last != null
        && last.target().filter(v::equals).isPresent()
        && !(isPinned && readsVariable(last, target))) {
      out.set(out.size() - 1, retarget(last, target));
      temporaries.remove(v);
    } else if (value.type() == binding.type) {
      emit(new Node.Copy(target, value, origin));
    } else {
      // widening (JLS 5.2) or, for compound assignment, the implicit narrowing cast
      emit(new Node.Convert(target, value, origin));
    }
    if (binding.type.isArray()
        && value instanceof Value.Var source
        && inputArrays.contains(source)) {
      inputArrays.add(target); // an alias of an input is an input
    }
    binding.current = target;
    if (!castAllowed
        && !binding.type.acceptsWithoutCast(value.type())
        && !(value instanceof Value.Const)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "a "
              + value.type().javaName()
              + " does not fit in "
              + binding.type.javaName()
              + " '"
              + binding.sourceName
              + "' without a cast");
    }
  }

  private static boolean readsVariable(Node node, Value.Var var) {
    return dev.adjoint.processor.analysis.ActivityAnalysis.operands(node).contains(var);
  }

  private static Node retarget(Node node, Value.Var target) {
    return switch (node) {
      case Node.Apply a -> new Node.Apply(target, a.op(), a.args(), a.mathClass(), a.origin());
      case Node.Copy c -> new Node.Copy(target, c.source(), c.origin());
      case Node.Convert c -> new Node.Convert(target, c.source(), c.origin());
      case Node.Operate o -> new Node.Operate(target, o.operator(), o.args(), o.origin());
      case Node.Detach d -> new Node.Detach(target, d.source(), d.origin());
      case Node.CallDifferentiable c ->
          new Node.CallDifferentiable(
              target, c.result(), c.callee(), c.onReceiver(), c.args(), c.origin());
      case Node.CallWithDerivative c ->
          new Node.CallWithDerivative(target, c.callee(), c.args(), c.origin());
      case Node.NewArray n -> new Node.NewArray(target, n.length(), n.origin());
      case Node.ArrayLength n -> new Node.ArrayLength(target, n.array(), n.origin());
      case Node.ArrayLoad n -> new Node.ArrayLoad(target, n.array(), n.index(), n.origin());
      case Node.If i -> throw new IllegalStateException("an if defines no variable");
      case Node.While w -> throw new IllegalStateException("a loop defines no variable");
      case Node.ArrayStore a -> throw new IllegalStateException("a store defines no variable");
      case Node.Return r -> throw new IllegalStateException("a return defines no variable");
    };
  }

  // ---------------------------------------------------------------- expressions

  private Value lowerExpression(ExpressionTree e) {
    return switch (e.getKind()) {
      case PARENTHESIZED -> lowerExpression(((ParenthesizedTree) e).getExpression());
      case INT_LITERAL -> new Value.Const(sourceText(e), IrType.INT);
      case LONG_LITERAL -> new Value.Const(sourceText(e), IrType.LONG);
      case FLOAT_LITERAL -> new Value.Const(sourceText(e), IrType.FLOAT);
      case DOUBLE_LITERAL -> new Value.Const(sourceText(e), IrType.DOUBLE);
      case BOOLEAN_LITERAL -> new Value.Const(sourceText(e), IrType.BOOLEAN);
      case IDENTIFIER -> lowerName((IdentifierTree) e);
      case MEMBER_SELECT -> lowerMemberSelect((MemberSelectTree) e);
      case PLUS,
          MINUS,
          MULTIPLY,
          DIVIDE,
          REMAINDER,
          LESS_THAN,
          LESS_THAN_EQUAL,
          GREATER_THAN,
          GREATER_THAN_EQUAL,
          EQUAL_TO,
          NOT_EQUAL_TO,
          AND,
          OR,
          XOR,
          LEFT_SHIFT,
          RIGHT_SHIFT,
          UNSIGNED_RIGHT_SHIFT -> {
        BinaryTree binary = (BinaryTree) e;
        Value left = lowerExpression(binary.getLeftOperand());
        Value right = lowerExpression(binary.getRightOperand());
        yield binary(e.getKind(), left, right, e);
      }
      case CONDITIONAL_AND, CONDITIONAL_OR -> lowerShortCircuit((BinaryTree) e);
      case UNARY_MINUS -> {
        Value operand = numeric(lowerExpression(((UnaryTree) e).getExpression()), e);
        IrType type = IrType.promote(operand.type(), IrType.INT);
        yield apply(ElementwiseOp.NEGATE, type, List.of(operand), "Math", e);
      }
      case UNARY_PLUS -> numeric(lowerExpression(((UnaryTree) e).getExpression()), e);
      case LOGICAL_COMPLEMENT -> {
        Value operand = lowerCondition(((UnaryTree) e).getExpression());
        Value.Var target = temporary(IrType.BOOLEAN);
        emit(new Node.Operate(target, JavaOperator.NOT, List.of(operand), origin(e)));
        yield target;
      }
      case BITWISE_COMPLEMENT -> {
        Value operand = integral(lowerExpression(((UnaryTree) e).getExpression()), e);
        Value.Var target = temporary(IrType.promote(operand.type(), IrType.INT));
        emit(new Node.Operate(target, JavaOperator.BITWISE_NOT, List.of(operand), origin(e)));
        yield target;
      }
      case CONDITIONAL_EXPRESSION -> lowerConditional((ConditionalExpressionTree) e);
      case TYPE_CAST -> lowerCast((TypeCastTree) e);
      case METHOD_INVOCATION -> lowerCall((MethodInvocationTree) e);
      case ASSIGNMENT,
          PLUS_ASSIGNMENT,
          MINUS_ASSIGNMENT,
          MULTIPLY_ASSIGNMENT,
          DIVIDE_ASSIGNMENT,
          PREFIX_INCREMENT,
          POSTFIX_INCREMENT,
          PREFIX_DECREMENT,
          POSTFIX_DECREMENT ->
          throw new DiagnosticException(
              DiagnosticId.ADJ102,
              e,
              "assignment inside an expression is not supported; make it a statement of its own");
      case STRING_LITERAL, CHAR_LITERAL, NULL_LITERAL ->
          throw unsupported(e, "this literal", "compute with double, float, int, long, boolean");
      case ARRAY_ACCESS -> {
        ArrayAccessTree access = (ArrayAccessTree) e;
        yield load(elementRef(access), access);
      }
      case NEW_ARRAY -> lowerNewArray((NewArrayTree) e, IrType.DOUBLE);
      case NEW_CLASS ->
          throw unsupported(
              e,
              "'new'",
              "differentiable code computes with primitive values;"
                  + " create objects outside the @Differentiable method");
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE ->
          throw unsupported(
              e,
              "lambdas and method references",
              "call a @Differentiable method" + " directly instead");
      case INSTANCE_OF ->
          throw unsupported(
              e, "instanceof", "differentiable code computes" + " with primitive values");
      case SWITCH_EXPRESSION -> throw unsupported(e, "switch expressions", "use ?: instead");
      default ->
          throw unsupported(e, "this expression", "rewrite it with arithmetic, calls and ?:");
    };
  }

  private DiagnosticException unsupported(Tree e, String what, String fix) {
    return new DiagnosticException(
        DiagnosticId.ADJ102, e, what + " is not supported in @Differentiable methods; " + fix);
  }

  private Value lowerCondition(ExpressionTree e) {
    Value value = lowerExpression(e);
    if (value.type() != IrType.BOOLEAN) {
      throw new DiagnosticException(DiagnosticId.ADJ106, e, "a condition must be boolean");
    }
    return value;
  }

  private Value numeric(Value value, Tree where) {
    if (!value.type().isNumeric()) {
      throw new DiagnosticException(DiagnosticId.ADJ106, where, "expected a number, not a boolean");
    }
    return value;
  }

  private Value integral(Value value, Tree where) {
    if (value.type() != IrType.INT && value.type() != IrType.LONG) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, where, "this operator needs int or long operands");
    }
    return value;
  }

  private Value binary(Tree.Kind kind, Value left, Value right, Tree where) {
    switch (kind) {
      case PLUS, MINUS, MULTIPLY, DIVIDE -> {
        numeric(left, where);
        numeric(right, where);
        IrType type = IrType.promote(left.type(), right.type());
        ElementwiseOp op =
            switch (kind) {
              case PLUS -> ElementwiseOp.ADD;
              case MINUS -> ElementwiseOp.SUBTRACT;
              case MULTIPLY -> ElementwiseOp.MULTIPLY;
              default -> ElementwiseOp.DIVIDE;
            };
        return apply(op, type, List.of(left, right), "Math", where);
      }
      case REMAINDER -> {
        numeric(left, where);
        numeric(right, where);
        return operate(
            JavaOperator.REMAINDER, IrType.promote(left.type(), right.type()), left, right, where);
      }
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> {
        numeric(left, where);
        numeric(right, where);
        JavaOperator op =
            switch (kind) {
              case LESS_THAN -> JavaOperator.LESS;
              case LESS_THAN_EQUAL -> JavaOperator.LESS_EQUAL;
              case GREATER_THAN -> JavaOperator.GREATER;
              default -> JavaOperator.GREATER_EQUAL;
            };
        return operate(op, IrType.BOOLEAN, left, right, where);
      }
      case EQUAL_TO, NOT_EQUAL_TO -> {
        if ((left.type() == IrType.BOOLEAN) != (right.type() == IrType.BOOLEAN)) {
          throw new DiagnosticException(
              DiagnosticId.ADJ106, where, "cannot compare a boolean with a number");
        }
        JavaOperator op = kind == Tree.Kind.EQUAL_TO ? JavaOperator.EQUAL : JavaOperator.NOT_EQUAL;
        return operate(op, IrType.BOOLEAN, left, right, where);
      }
      case AND, OR, XOR -> {
        JavaOperator op =
            kind == Tree.Kind.AND
                ? JavaOperator.AND
                : kind == Tree.Kind.OR ? JavaOperator.OR : JavaOperator.XOR;
        if (left.type() == IrType.BOOLEAN && right.type() == IrType.BOOLEAN) {
          return operate(op, IrType.BOOLEAN, left, right, where);
        }
        integral(left, where);
        integral(right, where);
        return operate(op, IrType.promote(left.type(), right.type()), left, right, where);
      }
      case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
        integral(left, where);
        integral(right, where);
        JavaOperator op =
            kind == Tree.Kind.LEFT_SHIFT
                ? JavaOperator.SHIFT_LEFT
                : kind == Tree.Kind.RIGHT_SHIFT
                    ? JavaOperator.SHIFT_RIGHT
                    : JavaOperator.UNSIGNED_SHIFT_RIGHT;
        // a shift has the promoted type of its left operand alone (JLS 15.19)
        return operate(op, IrType.promote(left.type(), IrType.INT), left, right, where);
      }
      default ->
          throw new DiagnosticException(
              DiagnosticId.ADJ102, where, "operator " + kind + " is not supported");
    }
  }

  private static Tree.Kind compoundOperator(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> Tree.Kind.PLUS;
      case MINUS_ASSIGNMENT -> Tree.Kind.MINUS;
      case MULTIPLY_ASSIGNMENT -> Tree.Kind.MULTIPLY;
      case DIVIDE_ASSIGNMENT -> Tree.Kind.DIVIDE;
      case REMAINDER_ASSIGNMENT -> Tree.Kind.REMAINDER;
      case AND_ASSIGNMENT -> Tree.Kind.AND;
      case OR_ASSIGNMENT -> Tree.Kind.OR;
      case XOR_ASSIGNMENT -> Tree.Kind.XOR;
      case LEFT_SHIFT_ASSIGNMENT -> Tree.Kind.LEFT_SHIFT;
      case RIGHT_SHIFT_ASSIGNMENT -> Tree.Kind.RIGHT_SHIFT;
      default -> Tree.Kind.UNSIGNED_RIGHT_SHIFT;
    };
  }

  private Value.Var apply(
      ElementwiseOp op, IrType type, List<Value> args, String mathClass, Tree where) {
    Value.Var target = temporary(type);
    emit(new Node.Apply(target, op, args, mathClass, origin(where)));
    return target;
  }

  private Value.Var operate(JavaOperator op, IrType type, Value a, Value b, Tree where) {
    Value.Var target = temporary(type);
    emit(new Node.Operate(target, op, List.of(a, b), origin(where)));
    return target;
  }

  /** {@code a && b} evaluates {@code b} only when {@code a} holds: lowered to an if. */
  private Value lowerShortCircuit(BinaryTree e) {
    Value left = lowerCondition(e.getLeftOperand());
    List<Node> saved = out;
    out = new ArrayList<>();
    Value right = lowerCondition(e.getRightOperand());
    List<Node> rightNodes = out;
    out = saved;
    Value.Var result = temporary(IrType.BOOLEAN);
    Origin origin = origin(e);
    rightNodes.add(new Node.Copy(result, right, origin));
    boolean isAnd = e.getKind() == Tree.Kind.CONDITIONAL_AND;
    List<Node> shortCut =
        List.of(
            new Node.Copy(
                result, new Value.Const(isAnd ? "false" : "true", IrType.BOOLEAN), origin));
    emit(new Node.If(left, isAnd ? rightNodes : shortCut, isAnd ? shortCut : rightNodes, origin));
    return result;
  }

  /**
   * {@code c ? a : b} evaluates one arm only: lowered to an if, so an unused arm's NaN stays out.
   */
  private Value lowerConditional(ConditionalExpressionTree e) {
    Value condition = lowerCondition(e.getCondition());
    List<Node> saved = out;
    out = new ArrayList<>();
    Value whenTrue = lowerExpression(e.getTrueExpression());
    List<Node> thenNodes = out;
    out = new ArrayList<>();
    Value whenFalse = lowerExpression(e.getFalseExpression());
    List<Node> elseNodes = out;
    out = saved;
    IrType type;
    if (whenTrue.type() == IrType.BOOLEAN && whenFalse.type() == IrType.BOOLEAN) {
      type = IrType.BOOLEAN;
    } else {
      type = IrType.promote(numeric(whenTrue, e).type(), numeric(whenFalse, e).type());
    }
    Value.Var result = temporary(type);
    Origin origin = origin(e);
    thenNodes.add(copyOrConvert(result, whenTrue, origin));
    elseNodes.add(copyOrConvert(result, whenFalse, origin));
    emit(new Node.If(condition, thenNodes, elseNodes, origin));
    return result;
  }

  private static Node copyOrConvert(Value.Var target, Value value, Origin origin) {
    return value.type() == target.type()
        ? new Node.Copy(target, value, origin)
        : new Node.Convert(target, value, origin);
  }

  private Value lowerCast(TypeCastTree cast) {
    Value operand = lowerExpression(cast.getExpression());
    if (!(cast.getType() instanceof PrimitiveTypeTree primitive)) {
      throw unsupported(cast, "a cast to " + cast.getType(), "cast only between primitive types");
    }
    IrType type = irTypeOf(primitive, cast);
    if (operand.type().isArray()) {
      throw unsupported(cast, "a cast of an array", "cast its elements");
    }
    if (type == operand.type()) {
      return operand;
    }
    if (type == IrType.BOOLEAN || operand.type() == IrType.BOOLEAN) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, cast, "cannot cast between boolean and" + " a number");
    }
    Value.Var target = temporary(type);
    emit(new Node.Convert(target, operand, origin(cast)));
    return target;
  }

  // ---------------------------------------------------------------- arrays

  /** An array element being read or written: the array variable and the index value. */
  private record ElementRef(Value.Var array, Value index) {}

  private ElementRef elementRef(ArrayAccessTree access) {
    Value array = lowerExpression(access.getExpression());
    if (!(array instanceof Value.Var arrayVar) || !array.type().isArray()) {
      throw unsupported(
          access, "indexing anything but an array variable", "index a parameter or a local array");
    }
    Value index = lowerExpression(access.getIndex());
    if (index.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, access.getIndex(), "an array index must be an int");
    }
    return new ElementRef(arrayVar, index);
  }

  private Value load(ElementRef ref, Tree where) {
    Value.Var element = temporary(ref.array().type().elementType());
    emit(new Node.ArrayLoad(element, ref.array(), ref.index(), origin(where)));
    return element;
  }

  private void storeElement(ArrayAccessTree access, Value value, boolean castAllowed, Tree where) {
    store(elementRef(access), value, castAllowed, where);
  }

  private void store(ElementRef ref, Value value, boolean castAllowed, Tree where) {
    if (inputArrays.contains(ref.array())) {
      throw new DiagnosticException(
          DiagnosticId.ADJ112,
          where,
          "'"
              + ref.array().name()
              + "' is an input array, and @Differentiable methods must not"
              + " write their inputs (the caller's data, and the values the gradient needs);"
              + " copy it into a local array (new double[n] and a loop) and write that");
    }
    IrType elementType = ref.array().type().elementType();
    if (!castAllowed
        && !elementType.acceptsWithoutCast(value.type())
        && !(value instanceof Value.Const)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          where,
          "a "
              + value.type().javaName()
              + " does not fit in a "
              + elementType.javaName()
              + " element without a cast");
    }
    Value stored = value;
    if (value.type() != elementType) {
      Value.Var converted = temporary(elementType);
      emit(new Node.Convert(converted, value, origin(where)));
      stored = converted;
    }
    emit(new Node.ArrayStore(ref.array(), ref.index(), stored, origin(where)));
  }

  /**
   * {@code new T[n]}, {@code new T[] {…}}, or the shorthand {@code {…}}, whose element type {@code
   * shorthandElementType} comes from the declaration it initializes.
   */
  private Value lowerNewArray(NewArrayTree tree, IrType shorthandElementType) {
    if (tree.getType() == null && tree.getInitializers() == null) {
      throw unsupported(tree, "this array creation", "write new double[n]");
    }
    if (tree.getDimensions().size() > 1 || tree.getType() instanceof ArrayTypeTree) {
      throw unsupported(
          tree,
          "multi-dimensional arrays",
          "use a one-dimensional array and index" + " it as row * columns + column");
    }
    IrType elementType =
        tree.getType() == null ? shorthandElementType : irTypeOf(tree.getType(), tree);
    Value.Var array = temporary(elementType.arrayType());
    Origin origin = origin(tree);
    if (tree.getInitializers() != null) {
      List<? extends ExpressionTree> items = tree.getInitializers();
      emit(
          new Node.NewArray(
              array, new Value.Const(Integer.toString(items.size()), IrType.INT), origin));
      for (int i = 0; i < items.size(); i++) {
        Value item = lowerExpression(items.get(i));
        store(
            new ElementRef(array, new Value.Const(Integer.toString(i), IrType.INT)),
            item,
            false,
            items.get(i));
      }
      return array;
    }
    Value length = lowerExpression(tree.getDimensions().get(0));
    if (length.type() != IrType.INT) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, tree.getDimensions().get(0), "an array length must be an int");
    }
    emit(new Node.NewArray(array, length, origin));
    return array;
  }

  // ---------------------------------------------------------------- names

  private Value lowerName(IdentifierTree id) {
    String name = id.getName().toString();
    Optional<Scope.Binding> local = scope.lookup(name);
    if (local.isPresent()) {
      return currentValue(local.get(), id);
    }
    Optional<VariableElement> field = findField(owner, name);
    if (field.isPresent()) {
      return fieldValue(field.get(), id, true);
    }
    for (TypeElement imported : resolver.staticImportsOf(name)) {
      Optional<VariableElement> f = findField(imported, name);
      if (f.isPresent()) {
        return fieldValue(f.get(), id, false);
      }
    }
    throw new DiagnosticException(DiagnosticId.ADJ111, id, "cannot resolve '" + name + "'");
  }

  private Value lowerMemberSelect(MemberSelectTree select) {
    String member = select.getIdentifier().toString();
    ExpressionTree qualifier = select.getExpression();
    if (member.equals("length")
        && qualifier instanceof IdentifierTree arrayName
        && scope.lookup(arrayName.getName().toString()).filter(b -> b.type.isArray()).isPresent()) {
      Value.Var array = (Value.Var) lowerName(arrayName);
      Value.Var length = temporary(IrType.INT);
      emit(new Node.ArrayLength(length, array, origin(select)));
      return length;
    }
    if (qualifier instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      VariableElement field =
          findField(owner, member)
              .orElseThrow(
                  () ->
                      new DiagnosticException(
                          DiagnosticId.ADJ111, select, "no field '" + member + "' in this class"));
      return fieldValue(field, select, true);
    }
    Optional<TypeElement> type =
        TypeResolver.nameOf(qualifier)
            .filter(q -> scope.lookup(q).isEmpty())
            .flatMap(resolver::resolveType);
    if (type.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          select,
          "cannot resolve '"
              + select
              + "': only static fields of"
              + " classes and fields of this are supported");
    }
    VariableElement field =
        findField(type.get(), member)
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ111,
                        select,
                        "no field '" + member + "' in " + type.get().getQualifiedName()));
    return fieldValue(field, select, false);
  }

  private Optional<VariableElement> findField(TypeElement type, String name) {
    return ElementFilter.fieldsIn(elements.getAllMembers(type)).stream()
        .filter(f -> f.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /**
   * A field read: a constant for differentiation. Compile-time constants that the generated class
   * cannot reach are inlined; other fields are read through the class or the receiver.
   */
  private Value fieldValue(VariableElement field, Tree where, boolean unqualified) {
    IrType type =
        Types2Ir.of(field.asType())
            .orElseThrow(
                () ->
                    new DiagnosticException(
                        DiagnosticId.ADJ106,
                        where,
                        "field '"
                            + field.getSimpleName()
                            + "' has type "
                            + field.asType()
                            + "; @Differentiable methods read double, float, int, long and"
                            + " boolean fields"));
    boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
    boolean reachable = !field.getModifiers().contains(Modifier.PRIVATE);
    Object constant = field.getConstantValue();
    if (constant != null && (!reachable || isStatic && unqualified)) {
      return new Value.Const(JavaLiterals.of(constant), type);
    }
    if (!reachable) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          where,
          "field '"
              + field.getSimpleName()
              + "' is private; the generated class cannot read it:"
              + " make it package-private");
    }
    TypeElement declaring = (TypeElement) field.getEnclosingElement();
    if (isStatic) {
      return new Value.Const(sourceName(declaring) + "." + field.getSimpleName(), type);
    }
    if (!isInstanceMethod) {
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "instance field '" + field.getSimpleName() + "' read from a static method");
    }
    return new Value.Const("self." + field.getSimpleName(), type);
  }

  /** How generated code, in the same package as the source, names {@code type}. */
  private String sourceName(TypeElement type) {
    String pkg = resolver.packageName();
    String qualified = type.getQualifiedName().toString();
    if (qualified.startsWith("java.lang.") && qualified.indexOf('.', 10) < 0) {
      return type.getSimpleName().toString();
    }
    return !pkg.isEmpty() && qualified.startsWith(pkg)
        ? qualified.substring(pkg.length())
        : qualified;
  }

  // ---------------------------------------------------------------- calls

  private Value lowerCall(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    String name;
    Optional<TypeElement> ownerType;
    boolean onReceiver;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      onReceiver = true;
      ownerType =
          hasMethod(owner, name)
              ? Optional.of(owner)
              : resolver.staticImportsOf(name).stream().filter(t -> hasMethod(t, name)).findFirst();
    } else if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      ExpressionTree qualifier = member.getExpression();
      if (TypeResolver.nameOf(qualifier).isEmpty()) {
        lowerExpression(qualifier); // reports what is wrong with it ('new', a literal, ...)
        throw unsupported(
            call,
            "a call on the value of an expression",
            "call static methods" + " through their class, or methods of this class");
      }
      onReceiver = qualifier instanceof IdentifierTree q && q.getName().contentEquals("this");
      ownerType =
          onReceiver
              ? Optional.of(owner)
              : TypeResolver.nameOf(qualifier)
                  .filter(q -> scope.lookup(q).isEmpty())
                  .flatMap(resolver::resolveType);
    } else {
      throw unsupported(call, "this call", "call a static method or a method of this class");
    }
    if (ownerType.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          "cannot resolve the method in '"
              + select
              + "': @Differentiable methods call static methods through their class and"
              + " methods of this class, and do no I/O");
    }
    TypeElement type = ownerType.get();
    String qualifiedOwner = type.getQualifiedName().toString();
    List<Value> args = new ArrayList<>();
    for (ExpressionTree arg : call.getArguments()) {
      args.add(lowerExpression(arg));
    }
    if (qualifiedOwner.equals("java.lang.Math") || qualifiedOwner.equals("java.lang.StrictMath")) {
      return lowerMathCall(call, type.getSimpleName().toString(), name, args);
    }
    if (qualifiedOwner.equals(ADJOINT_MARKERS) && name.equals("noDerivative") && args.size() == 1) {
      Value.Var target = temporary(numeric(args.get(0), call).type());
      emit(new Node.Detach(target, args.get(0), origin(call)));
      return target;
    }
    ExecutableElement callee = chooseOverload(type, name, args, call);
    if (!callee.getModifiers().contains(Modifier.STATIC)) {
      if (!onReceiver || !isInstanceMethod) {
        throw unsupported(
            call,
            "a call to instance method " + name + " on another object",
            "call instance methods of this class, or static methods");
      }
    } else {
      onReceiver = false;
    }
    if (callee.getAnnotation(Differentiable.class) != null) {
      return lowerDifferentiableCall(call, callee, onReceiver, args);
    }
    return lowerRegisteredCall(call, callee, args);
  }

  private Value lowerMathCall(
      MethodInvocationTree call, String mathClass, String name, List<Value> args) {
    Optional<ElementwiseOp> op = ElementwiseOp.ofMathMethod(name, args.size());
    if (op.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          mathClass
              + "."
              + name
              + " has no derivative rule; wrap"
              + " the call in Adjoint.noDerivative(...) if no gradient should flow through it,"
              + " or compute it in a method with a @Derivative");
    }
    IrType type = IrType.DOUBLE;
    for (Value arg : args) {
      numeric(arg, call);
    }
    if (op.get().preservesFloat()) {
      type = args.stream().map(Value::type).reduce(IrType.INT, IrType::promote);
      if (op.get() == ElementwiseOp.SIGNUM && !type.isFloating()) {
        type = IrType.FLOAT; // Math.signum(int) resolves to signum(float)
      }
    }
    return apply(op.get(), type, args, mathClass, call);
  }

  private ExecutableElement chooseOverload(
      TypeElement type, String name, List<Value> args, Tree where) {
    List<ExecutableElement> candidates =
        ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .filter(m -> m.getParameters().size() == args.size())
            .toList();
    List<ExecutableElement> applicable = candidates.stream().filter(m -> accepts(m, args)).toList();
    if (applicable.size() > 1) {
      // prefer the one taking exactly the argument types
      List<ExecutableElement> exact =
          applicable.stream().filter(m -> acceptsExactly(m, args)).toList();
      if (exact.size() == 1) {
        return exact.get(0);
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ111,
          where,
          "cannot tell which overload of "
              + name
              + " is called;"
              + " cast the arguments to the parameter types");
    }
    if (applicable.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          where,
          "no method "
              + name
              + " taking "
              + args.size()
              + " primitive argument(s) in "
              + type.getQualifiedName());
    }
    return applicable.get(0);
  }

  private static boolean accepts(ExecutableElement m, List<Value> args) {
    for (int i = 0; i < args.size(); i++) {
      Optional<IrType> p = Types2Ir.of(m.getParameters().get(i).asType());
      if (p.isEmpty() || !p.get().acceptsWithoutCast(args.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean acceptsExactly(ExecutableElement m, List<Value> args) {
    for (int i = 0; i < args.size(); i++) {
      if (Types2Ir.of(m.getParameters().get(i).asType()).orElse(null) != args.get(i).type()) {
        return false;
      }
    }
    return true;
  }

  private Value lowerDifferentiableCall(
      MethodInvocationTree call, ExecutableElement callee, boolean onReceiver, List<Value> args) {
    DifferentiableDeclaration declared;
    try {
      declared = DifferentiableDeclaration.read(callee);
    } catch (DiagnosticException e) {
      // reported where the callee is declared; here, say why the call cannot be used
      throw new DiagnosticException(
          DiagnosticId.ADJ109,
          call,
          callee.getSimpleName()
              + " is @Differentiable but its"
              + " declaration has an error; fix it first");
    }
    List<DifferentiableCallee.Parameter> parameters = new ArrayList<>();
    List<String> paramNames = declared.parameterNames();
    for (int i = 0; i < paramNames.size(); i++) {
      parameters.add(
          new DifferentiableCallee.Parameter(
              paramNames.get(i),
              declared.parameterTypes().get(i),
              declared.differentiated().get(i)));
    }
    TypeElement calleeOwner = (TypeElement) callee.getEnclosingElement();
    DifferentiableCallee target =
        new DifferentiableCallee(
            GeneratedNames.qualifiedGradientClass(calleeOwner),
            callee.getSimpleName().toString(),
            GeneratedNames.resultRecord(callee),
            parameters,
            declared.returnType());
    Value.Var value = temporary(declared.returnType());
    Value.Var result =
        new Value.Var(names.fresh(callee.getSimpleName() + "Result"), declared.returnType());
    emit(new Node.CallDifferentiable(value, result, target, onReceiver, args, origin(call)));
    return value;
  }

  private Value lowerRegisteredCall(
      MethodInvocationTree call, ExecutableElement callee, List<Value> args) {
    Map<Integer, RegisteredCallee.MethodRef> partials = registry.derivativesOf(callee);
    String name = callee.getSimpleName().toString();
    if (partials.isEmpty()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ103,
          call,
          "call to "
              + name
              + ", which has no derivative: mark it @Differentiable, or register"
              + " its partials with @Derivative(of = \""
              + name
              + "\", wrt = ...)");
    }
    if (callee.getModifiers().contains(Modifier.PRIVATE)) {
      throw new DiagnosticException(
          DiagnosticId.ADJ110,
          call,
          name + " is private; the generated class cannot call it:" + " make it package-private");
    }
    IrType returnType =
        Types2Ir.of(callee.getReturnType()).orElseThrow(); // checked at registration
    List<RegisteredCallee.Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < callee.getParameters().size(); i++) {
      VariableElement p = callee.getParameters().get(i);
      parameters.add(
          new RegisteredCallee.Parameter(
              p.getSimpleName().toString(),
              Types2Ir.of(p.asType()).orElseThrow(),
              Optional.ofNullable(partials.get(i))));
    }
    TypeElement calleeOwner = (TypeElement) callee.getEnclosingElement();
    RegisteredCallee target =
        new RegisteredCallee(sourceName(calleeOwner), name, returnType, parameters);
    Value.Var value = temporary(returnType);
    emit(new Node.CallWithDerivative(value, target, args, origin(call)));
    return value;
  }

  private boolean hasMethod(TypeElement type, String name) {
    return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
        .anyMatch(m -> m.getSimpleName().contentEquals(name));
  }

  // ---------------------------------------------------------------- bookkeeping

  private Value.Var temporary(IrType type) {
    Value.Var var = new Value.Var(names.temporary(), type);
    temporaries.add(var);
    return var;
  }

  private void emit(Node node) {
    out.add(node);
  }

  private Origin origin(Tree tree) {
    long position = positions.getStartPosition(unit, tree);
    sourceMap.putIfAbsent(position, tree);
    long line = position < 0 ? 0 : unit.getLineMap().getLineNumber(position);
    return new Origin(fileName, line, position);
  }

  private String sourceText(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    try {
      CharSequence content = unit.getSourceFile().getCharContent(true);
      if (start >= 0 && end > start && end <= content.length()) {
        return content.subSequence((int) start, (int) end).toString();
      }
    } catch (IOException e) {
      // fall through to the tree's own rendering
    }
    return tree instanceof LiteralTree literal
        ? JavaLiterals.of(literal.getValue())
        : tree.toString();
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
