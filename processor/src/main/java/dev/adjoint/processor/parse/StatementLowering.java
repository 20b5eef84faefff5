package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Statements: declarations, assignments, {@code if}, and the jumps ({@code break}, {@code
 * continue}, {@code return}) that the IR replaces by flags: after a statement that may jump, the
 * rest of its block runs only if no flag is set.
 */
abstract class StatementLowering extends ExpressionLowering {
  abstract void lowerWhile(WhileLoopTree loop, String label);

  abstract void lowerDoWhile(DoWhileLoopTree loop, String label);

  abstract void lowerFor(ForLoopTree loop, String label);

  abstract void lowerEnhancedFor(EnhancedForLoopTree loop, String label);

  StatementLowering(
      Trees trees,
      Elements elements,
      DerivativeRegistry registry,
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit) {
    super(trees, elements, registry, declaration, unit);
    this.returnType = declaration.returnType();
  }

  /** The type a return converts its value to: the method's, or an inlined callee's. */
  IrType returnType;

  // ---------------------------------------------------------------- statements

  /**
   * A loop being lowered: its label, and the flags that jumps out of it set. The IR has no jumps;
   * {@code break} sets {@code exit} (of this loop and every loop inside it), {@code continue} sets
   * {@code cont}, and the statements after a jump run only while no flag is set.
   */
  static final class LoopContext {
    final String label;
    final Scope.Binding exit;
    final Scope.Binding cont;

    /** A switch: {@code break} leaves it, {@code continue} goes on to the enclosing loop. */
    final boolean isSwitch;

    LoopContext(String label, Scope.Binding exit, Scope.Binding cont) {
      this(label, exit, cont, false);
    }

    LoopContext(String label, Scope.Binding exit, Scope.Binding cont, boolean isSwitch) {
      this.label = label;
      this.exit = exit;
      this.cont = cont;
      this.isSwitch = isSwitch;
    }
  }

  final Deque<LoopContext> loops = new ArrayDeque<>();

  Scope.Binding resultBinding;

  Scope.Binding returnedBinding;

  String pendingLabel;

  /**
   * The methods whose bodies are being inlined, innermost first (a call back into one recurses).
   */
  private final Deque<ExecutableElement> inlining = new ArrayDeque<>();

  /**
   * Lowers the body of {@code callee}, a {@code @Differentiable} tensor method of this package, at
   * the call (a method of another class read in its own file, with its own imports; a sub-model's,
   * {@code subModel} not null, with that path as its receiver): its parameters bound to the
   * arguments ({@code @NoDerivative} tensors detached, as the callee's own gradient treats them),
   * its locals in a scope of their own, the value it returns the call's (returns inside branches
   * and loops lowered as in a method's own body, its loops apart from the caller's). The reverse
   * sweep then runs through the callee's operations as through the caller's, and their comments
   * name the callee's lines.
   */
  @Override
  Value inlineTensorMethod(
      MethodInvocationTree call,
      ExecutableElement callee,
      DifferentiableDeclaration declared,
      List<Value> args,
      String subModel) {
    String name = callee.getSimpleName().toString();
    MethodTree tree = trees.getTree(callee);
    if (tree == null || tree.getBody() == null) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "a call to @Differentiable tensor method "
              + name
              + " is not differentiated: its source is not in this compilation; inline its body"
              + " here, or run both methods on the dynamic tape");
    }
    if (inlining.contains(callee) || callee.equals(declaration.method())) {
      throw new DiagnosticException(
          DiagnosticId.ADJ113,
          call,
          "a call to @Differentiable tensor method "
              + name
              + " is recursive: tensor methods are differentiated by writing the callee's body at"
              + " the call, which a recursion would never finish; write it as a loop");
    }
    List<? extends StatementTree> statements = tree.getBody().getStatements();
    Scope callerScope = scope;
    TypeElement callerClass = owner;
    CompilationUnitTree callerUnit = unit;
    TypeResolver callerResolver = resolver;
    String callerFile = fileName;
    boolean callerIsInstance = isInstanceMethod;
    String callerReceiver = receiverExpression;
    IrType callerReturnType = returnType;
    Scope.Binding callerResult = resultBinding;
    Scope.Binding callerReturned = returnedBinding;
    // the caller's loops are not the callee's: a return in the callee leaves only its own
    List<LoopContext> callerLoops = new ArrayList<>(loops);
    loops.clear();
    TypeElement calleeClass = (TypeElement) callee.getEnclosingElement();
    if (!calleeClass.equals(owner)) {
      // another class: its names resolve, and its lines are counted, in its own file
      owner = calleeClass;
      unit = trees.getPath(callee).getCompilationUnit();
      resolver = new TypeResolver(elements, unit, calleeClass);
      String path = unit.getSourceFile().getName();
      fileName = path.substring(path.lastIndexOf('/') + 1);
    }
    isInstanceMethod = callerIsInstance && !callee.getModifiers().contains(Modifier.STATIC);
    if (subModel != null) {
      receiverExpression = subModel; // its fields are read through the caller's field
    }
    inlining.push(callee);
    scope = new Scope();
    try {
      List<String> parameterNames = declared.parameterNames();
      for (int i = 0; i < args.size(); i++) {
        IrType type = declared.parameterTypes().get(i);
        Value arg = args.get(i);
        boolean detached = type == IrType.TENSOR && !declared.differentiated().get(i);
        Value.Var bound;
        if (!detached && arg.type() == type && arg instanceof Value.Var var) {
          // the argument itself: an assignment to the parameter makes a new variable, as any
          // assignment does, and leaves the caller's untouched. A temporary becomes a named
          // variable the body may read more than once, so nothing may be written over it.
          bound = var;
          temporaries.remove(var);
        } else {
          bound = new Value.Var(names.forSourceVariable(parameterNames.get(i)), type);
          if (detached) {
            // @NoDerivative: data to the callee, whose own gradient gives it none
            emit(new Node.Detach(bound, arg, origin(call)));
          } else if (arg.type() != type) {
            emit(new Node.Convert(bound, arg, origin(call)));
          } else {
            emit(new Node.Copy(bound, arg, origin(call)));
          }
        }
        scope.declare(new Scope.Binding(parameterNames.get(i), type, bound));
      }
      returnType = declared.returnType();
      if (JumpScanner.endsInItsOnlyReturn(statements)) {
        resultBinding = null;
        returnedBinding = null;
        lowerStatements(statements.subList(0, statements.size() - 1));
        ReturnTree ret = (ReturnTree) statements.get(statements.size() - 1);
        return lowerExpression(ret.getExpression());
      }
      // returns inside branches or loops: as in a method's own body, they set 'result' and
      // 'returned', and the statements after one run only while no return has happened
      returnedBinding = syntheticBinding("returned", IrType.BOOLEAN);
      assign(returnedBinding, FALSE, false, call);
      resultBinding = syntheticBinding("result", returnType);
      lowerStatements(statements);
      return orDefault(resultBinding.current, returnType);
    } catch (DiagnosticException e) {
      if (unit == methodUnit || e.tree() == null) {
        throw e;
      }
      // a tree of the callee's file cannot be pointed at from this one: say where it is
      long line = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, e.tree()));
      throw new DiagnosticException(
          e.id(),
          call,
          "in "
              + calleeClass.getSimpleName()
              + "."
              + name
              + " ("
              + fileName
              + ":"
              + line
              + "), written at this call: "
              + e.getMessage().substring(e.id().tag().length() + 1));
    } finally {
      scope = callerScope;
      owner = callerClass;
      unit = callerUnit;
      resolver = callerResolver;
      fileName = callerFile;
      isInstanceMethod = callerIsInstance;
      receiverExpression = callerReceiver;
      returnType = callerReturnType;
      resultBinding = callerResult;
      returnedBinding = callerReturned;
      loops.clear();
      for (int i = callerLoops.size() - 1; i >= 0; i--) {
        loops.push(callerLoops.get(i)); // outermost first, as they were pushed
      }
      inlining.pop();
    }
  }

  Scope.Binding syntheticBinding(String name, IrType type) {
    Scope.Binding binding = new Scope.Binding(name, type, null);
    names.reserve(name);
    scope.declare(binding);
    return binding;
  }

  /**
   * A statement list. After a statement that may jump (break, continue, return), the rest of the
   * list runs only if no jump happened: it is lowered inside an if on the jump flags.
   */
  void lowerStatements(List<? extends StatementTree> statements) {
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
  Optional<Value> noJumpCondition(StatementTree statement) {
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
      LoopContext target = loopFor(label, statement, true);
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

  LoopContext loopFor(String label, Tree where) {
    return loopFor(label, where, false);
  }

  /** The loop (or, for a break, switch) a jump with {@code label} leaves or continues. */
  LoopContext loopFor(String label, Tree where, boolean forContinue) {
    if (label == null) {
      for (LoopContext context : loops) {
        if (!forContinue || !context.isSwitch) {
          return context;
        }
      }
      throw new DiagnosticException(
          DiagnosticId.ADJ101, where, (forContinue ? "continue" : "break") + " outside a loop");
    }
    for (LoopContext loop : loops) {
      if (label.equals(loop.label)) {
        return loop;
      }
    }
    throw new DiagnosticException(
        DiagnosticId.ADJ101, where, "no enclosing loop is labeled '" + label + "'");
  }

  void lowerStatement(StatementTree statement) {
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
      case TRY -> {
        TryTree tryTree = (TryTree) statement;
        if (!isNoGradScope(tryTree)) {
          unsupportedStatement(
              statement,
              "try blocks",
              "differentiable code is pure: handle exceptions outside the @Differentiable"
                  + " method (the one try supported is a no-grad scope, try (var s ="
                  + " GradMode.noGrad()) { ... }, with no catch or finally)");
        }
        lowerNoGradScope(tryTree);
      }
      case SYNCHRONIZED ->
          unsupportedStatement(
              statement, "synchronized blocks", "differentiable code is pure and needs no locks");
      case THROW ->
          unsupportedStatement(
              statement,
              "throw statements",
              "check arguments before calling the @Differentiable method");
      case SWITCH -> lowerSwitch((SwitchTree) statement, label);
      default ->
          unsupportedStatement(
              statement,
              statement.getKind().toString().toLowerCase().replace('_', ' ') + " statements",
              "rewrite it with assignments, if/else and loops");
    }
  }

  /**
   * {@code switch} on an int or long, the selector evaluated once. {@code break} inside it sets the
   * switch's own exit flag, like a loop's, and the rest of its statements run only while the flag
   * is clear; {@code continue} goes on to the enclosing loop.
   *
   * <p>The arrow form ({@code case 1, 2 -> A; default -> B;}) is an if-else chain on {@code k == 1
   * | k == 2}. The colon form, with fall-through, runs each group of statements when control has
   * reached it and no {@code break} has left: {@code reached = reached | entry} where {@code entry}
   * is the group's labels matching (for {@code default}: no label of the switch matching), then
   * {@code if (reached & !exit) group}.
   */
  void lowerSwitch(SwitchTree tree, String label) {
    Value selector = switchSelector(tree.getExpression());
    List<? extends CaseTree> cases = tree.getCases();
    Origin origin = origin(tree);
    boolean arrows = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    boolean jumps = false;
    for (CaseTree c : cases) {
      Tree body = arrows ? c.getBody() : null;
      List<? extends Tree> parts = arrows ? List.of(body) : c.getStatements();
      for (Tree part : parts == null ? List.<Tree>of() : parts) {
        jumps |= JumpScanner.scan(part).any();
      }
    }
    // a flag only where a break, continue or return can leave the switch
    Scope.Binding exit = null;
    if (jumps) {
      exit = syntheticBinding(names.fresh("exit"), IrType.BOOLEAN);
      assign(exit, FALSE, false, tree);
      loops.push(new LoopContext(label, exit, null, true));
    }
    scope.enterBlock(); // the colon form's groups share one block
    try {
      if (arrows) {
        // no fall-through: only default's place matters, and it is tried last
        List<CaseTree> ordered = new java.util.ArrayList<>(cases);
        ordered.sort(java.util.Comparator.comparing(c -> c.getExpressions().isEmpty()));
        lowerCases(selector, ordered, 0, origin);
      } else {
        lowerGroups(selector, cases, exit, tree);
      }
    } finally {
      scope.exitBlock();
      if (exit != null) {
        loops.pop();
      }
    }
  }

  private void lowerGroups(
      Value selector, List<? extends CaseTree> cases, Scope.Binding exit, Tree tree) {
    // each group's labels compared once, in source order; default is entered when none matches
    Map<CaseTree, Value> matches = new java.util.HashMap<>();
    Value anyMatches = null;
    for (CaseTree c : cases) {
      if (!c.getExpressions().isEmpty()) {
        Value m = caseMatches(selector, c);
        matches.put(c, m);
        anyMatches =
            anyMatches == null ? m : operate(JavaOperator.OR, IrType.BOOLEAN, anyMatches, m, c);
      }
    }
    for (CaseTree c : cases) {
      if (c.getExpressions().isEmpty()) {
        matches.put(c, anyMatches == null ? TRUE : not(anyMatches, origin(c)));
      }
    }
    Scope.Binding reached = syntheticBinding(names.fresh("reached"), IrType.BOOLEAN);
    assign(reached, FALSE, false, tree);
    for (CaseTree c : cases) {
      Value entry = matches.get(c);
      // falling through from the group above, or jumped to
      assign(
          reached,
          operate(JavaOperator.OR, IrType.BOOLEAN, currentValue(reached, c), entry, c),
          false,
          c);
      List<? extends StatementTree> statements = c.getStatements();
      if (statements == null || statements.isEmpty()) {
        continue;
      }
      Value runs =
          exit == null
              ? currentValue(reached, c)
              : operate(
                  JavaOperator.AND,
                  IrType.BOOLEAN,
                  currentValue(reached, c),
                  not(currentValue(exit, c), origin(c)),
                  c);
      branch(runs, () -> lowerStatements(statements), () -> {}, origin(c));
    }
  }

  private void lowerCases(Value selector, List<? extends CaseTree> cases, int from, Origin origin) {
    if (from == cases.size()) {
      return;
    }
    CaseTree c = cases.get(from);
    Runnable body =
        () -> {
          Tree b = c.getBody();
          if (b instanceof StatementTree statement) {
            lowerStatements(List.of(statement));
          } else {
            lowerExpressionStatement((ExpressionTree) b);
          }
        };
    if (c.getExpressions().isEmpty()) { // default: the remaining cases cannot be reached after it
      body.run();
      return;
    }
    Value matches = caseMatches(selector, c);
    branch(matches, body, () -> lowerCases(selector, cases, from + 1, origin), origin);
  }

  void unsupportedStatement(Tree tree, String what, String fix) {
    throw new DiagnosticException(
        DiagnosticId.ADJ101, tree, what + " are not supported in @Differentiable methods; " + fix);
  }

  /** {@code try (GradMode.Scope s = GradMode.noGrad()) { ... }}, with no catch or finally. */
  private boolean isNoGradScope(TryTree tree) {
    if (!tree.getCatches().isEmpty()
        || tree.getFinallyBlock() != null
        || tree.getResources().size() != 1
        || !(tree.getResources().get(0) instanceof VariableTree resource)
        || !(resource.getInitializer() instanceof MethodInvocationTree call)
        || !call.getArguments().isEmpty()
        || !(call.getMethodSelect() instanceof MemberSelectTree select)
        || !select.getIdentifier().contentEquals("noGrad")) {
      return false;
    }
    return TypeResolver.nameOf(select.getExpression())
        .flatMap(resolver::resolveType)
        .filter(t -> t.getQualifiedName().contentEquals(GRAD_MODE))
        .isPresent();
  }

  static final String GRAD_MODE = "dev.adjoint.runtime.autograd.GradMode";

  /**
   * A no-grad scope: what it computes is recorded by nothing on the tape, so it reaches later code
   * as a constant. Each variable the block assigns leaves it through {@code Adjoint.noDerivative}
   * (a {@link Node.Detach}), which is exactly that.
   */
  private void lowerNoGradScope(TryTree tree) {
    Map<Scope.Binding, Value.Var> before = scope.snapshot();
    scope.enterBlock();
    lowerStatements(tree.getBlock().getStatements());
    scope.exitBlock();
    for (Map.Entry<Scope.Binding, Value.Var> e : before.entrySet()) {
      Scope.Binding binding = e.getKey();
      if (binding.current != null
          && binding.current != e.getValue()
          && binding.type.carriesDerivative()) {
        Value.Var detached = temporary(binding.type);
        emit(new Node.Detach(detached, binding.current, origin(tree)));
        assign(binding, detached, false, tree);
      }
    }
  }

  void lowerDeclaration(VariableTree variable) {
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
        || variable.getType() instanceof ArrayTypeTree) {
      type = irTypeOf(variable.getType(), variable);
      if (type.isMatrix()
          && !(variable.getInitializer() instanceof IdentifierTree
              || variable.getInitializer() instanceof MemberSelectTree)) {
        // only names of existing two-dimensional arrays: every one comes in as a parameter
        throw new DiagnosticException(
            DiagnosticId.ADJ106,
            variable,
            "local two-dimensional array '"
                + name
                + "': @Differentiable methods read two-dimensional arrays that come in as"
                + " parameters; compute into a one-dimensional local array (index i * columns + j)");
      }
    } else if (TypeResolver.nameOf(variable.getType())
        .flatMap(resolver::resolveType)
        .filter(t -> t.getQualifiedName().contentEquals(IrType.TENSOR_CLASS))
        .isPresent()) {
      type = IrType.TENSOR;
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

  void lowerExpressionStatement(ExpressionTree expression) {
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

  void lowerReturn(ReturnTree ret) {
    if (ret.getExpression() == null) {
      throw new DiagnosticException(DiagnosticId.ADJ101, ret, "return needs a value");
    }
    Value value = lowerExpression(ret.getExpression());
    IrType type = returnType;
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

  void lowerBreak(BreakTree tree) {
    LoopContext target = loopFor(labelOf(tree.getLabel()), tree);
    for (LoopContext loop : loops) {
      assign(loop.exit, TRUE, false, tree);
      if (loop == target) {
        break;
      }
    }
  }

  void lowerContinue(ContinueTree tree) {
    LoopContext target = loopFor(labelOf(tree.getLabel()), tree, true);
    for (LoopContext loop : loops) {
      if (loop == target) {
        assign(loop.cont, TRUE, false, tree);
        break;
      }
      assign(loop.exit, TRUE, false, tree); // leave the loops inside the target
    }
  }

  static String labelOf(javax.lang.model.element.Name label) {
    return label == null ? null : label.toString();
  }

  /**
   * {@code if (c) A else B}: each arm is lowered on its own; a source variable that either arm
   * assigns is merged into one new IR variable, assigned at the end of both arms.
   */
  void lowerIf(IfTree tree) {
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
  void branch(Value condition, Runnable thenArm, Runnable elseArm, Origin origin) {
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
}
