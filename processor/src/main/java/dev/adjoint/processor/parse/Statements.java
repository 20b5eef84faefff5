package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Statements: blocks, declarations, {@code if}, {@code return}, the no-grad scope, and the order in
 * which a block runs: after a statement that may jump ({@code break}, {@code continue}, {@code
 * return}), the rest of its block runs only if no jump happened ({@link Jumps} keeps the flags).
 * Loops go to {@link Loops}, {@code switch} to {@link Switches}, expression statements to {@link
 * ExpressionStatements}.
 */
final class Statements {
  static final String GRAD_MODE = "dev.adjoint.runtime.autograd.GradMode";

  private final Expressions expressions;
  private final ExpressionStatements expressionStatements;
  private final Jumps jumps;
  private final Loops loops;
  private final Switches switches;
  private final Failures failures;

  Statements(Expressions expressions) {
    this.expressions = expressions;
    this.expressionStatements = new ExpressionStatements(expressions);
    this.jumps = new Jumps();
    this.loops = new Loops(this, expressions);
    this.switches = new Switches(this, expressions);
    this.failures = new Failures(expressions, expressions.reachability());
    expressions.choices().lowerBlocksWith(this);
  }

  /**
   * A statement list. After a statement that may jump, the rest of the list runs only if no jump
   * happened: it is lowered inside an if on the jump flags.
   */
  void statements(List<? extends StatementTree> statements, Frame frame) {
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      statement(statement, null, frame);
      List<? extends StatementTree> rest = statements.subList(i + 1, statements.size());
      if (rest.isEmpty()) {
        return;
      }
      Optional<Value> noJump = jumps.noJumpCondition(statement, frame);
      if (noJump.isPresent()) {
        branch(noJump.get(), f -> statements(rest, f), f -> {}, frame.origin(rest.get(0)), frame);
        return;
      }
    }
  }

  /** One statement; {@code label} is its label, or null. */
  void statement(StatementTree statement, String label, Frame frame) {
    switch (statement.getKind()) {
      case VARIABLE -> declaration((VariableTree) statement, frame);
      case EXPRESSION_STATEMENT ->
          expressionStatements.lower(((ExpressionStatementTree) statement).getExpression(), frame);
      case RETURN -> returnStatement((ReturnTree) statement, frame);
      case BLOCK -> statements(((BlockTree) statement).getStatements(), frame.inBlock());
      case IF -> ifStatement((IfTree) statement, frame);
      case EMPTY_STATEMENT -> {}
      case LABELED_STATEMENT -> {
        LabeledStatementTree labeled = (LabeledStatementTree) statement;
        statement(labeled.getStatement(), labeled.getLabel().toString(), frame);
      }
      case WHILE_LOOP -> loops.whileLoop((WhileLoopTree) statement, label, frame);
      case DO_WHILE_LOOP -> loops.doWhileLoop((DoWhileLoopTree) statement, label, frame);
      case FOR_LOOP -> loops.forLoop((ForLoopTree) statement, label, frame);
      case ENHANCED_FOR_LOOP ->
          loops.enhancedForLoop((EnhancedForLoopTree) statement, label, frame);
      case BREAK -> jumps.breakStatement((BreakTree) statement, frame);
      case CONTINUE -> jumps.continueStatement((ContinueTree) statement, frame);
      case TRY -> {
        TryTree tryTree = (TryTree) statement;
        if (!isNoGradScope(tryTree, frame)) {
          throw Typing.unsupportedStatement(
              statement,
              "try blocks",
              "differentiable code is pure: handle exceptions outside the @Differentiable"
                  + " method (the one try supported is a no-grad scope, try (var s ="
                  + " GradMode.noGrad()) { ... }, with no catch or finally)");
        }
        noGradScope(tryTree, frame);
      }
      case SYNCHRONIZED ->
          throw Typing.unsupportedStatement(
              statement, "synchronized blocks", "differentiable code is pure and needs no locks");
      case THROW -> failures.throwStatement((ThrowTree) statement, frame);
      case ASSERT -> failures.assertStatement((AssertTree) statement, frame);
      case SWITCH -> switches.lower((SwitchTree) statement, label, frame);
      default ->
          throw Typing.unsupportedStatement(
              statement,
              statement.getKind().toString().toLowerCase().replace('_', ' ') + " statements",
              "rewrite it with assignments, if/else and loops");
    }
  }

  void expressionStatement(com.sun.source.tree.ExpressionTree expression, Frame frame) {
    expressionStatements.lower(expression, frame);
  }

  /**
   * {@code if (c) A else B}: each arm is lowered on its own; a source variable that either arm
   * assigns is merged into one new IR variable, assigned at the end of both arms.
   */
  private void ifStatement(IfTree tree, Frame frame) {
    Value condition = expressions.condition(tree.getCondition(), frame);
    branch(
        condition,
        f -> statement(tree.getThenStatement(), null, f),
        f -> {
          if (tree.getElseStatement() != null) {
            statement(tree.getElseStatement(), null, f);
          }
        },
        frame.origin(tree),
        frame);
  }

  /** Lowers a two-way branch, merging the source variables either arm assigns. */
  void branch(
      Value condition,
      Consumer<Frame> thenArm,
      Consumer<Frame> elseArm,
      Origin origin,
      Frame frame) {
    Map<Scope.Binding, Value.Var> before = frame.scope().snapshot();
    Frame thenFrame = frame.nested();
    frame.state().leaves.inArmOf(condition, () -> thenArm.accept(thenFrame));
    Map<Scope.Binding, Value.Var> afterThen = frame.scope().snapshot();
    Scope.restore(before);
    Frame elseFrame = frame.nested();
    elseArm.accept(elseFrame);
    Map<Scope.Binding, Value.Var> afterElse = frame.scope().snapshot();
    Scope.restore(before);
    for (Scope.Binding binding : before.keySet()) {
      Value.Var fromThen = afterThen.get(binding);
      Value.Var fromElse = afterElse.get(binding);
      if (fromThen == before.get(binding) && fromElse == before.get(binding)) {
        continue;
      }
      Value.Var merged =
          new Value.Var(frame.state().names.forSourceVariable(binding.sourceName), binding.type);
      thenFrame.emit(new Node.Copy(merged, Assignments.orDefault(fromThen, binding.type), origin));
      elseFrame.emit(new Node.Copy(merged, Assignments.orDefault(fromElse, binding.type), origin));
      binding.current = merged;
    }
    frame.emit(
        new Node.If(condition, thenFrame.block().nodes(), elseFrame.block().nodes(), origin));
  }

  private void declaration(VariableTree variable, Frame frame) {
    String name = variable.getName().toString();
    IrType type;
    Value init = null;
    // before attribution, javac leaves the type of a 'var' declaration empty
    if (Typing.isInferred(variable.getType())) {
      if (variable.getInitializer() == null) {
        throw new DiagnosticException(DiagnosticId.ADJ101, variable, "'var' needs an initializer");
      }
      init = expressions.lower(variable.getInitializer(), frame);
      type = init.type();
    } else if (variable.getType() instanceof PrimitiveTypeTree
        || variable.getType() instanceof ArrayTypeTree) {
      type = Typing.of(variable.getType(), variable);
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
    } else if (frame
        .source()
        .resolver()
        .resolve(variable.getType())
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
                ? expressions.arrays().newArray(shorthand, type.elementType(), frame)
                : expressions.lower(variable.getInitializer(), frame);
      }
      Assignments.assign(binding, init, false, variable, frame);
    } else if (type.isArray()) {
      throw new DiagnosticException(
          DiagnosticId.ADJ101, variable, "array variable '" + name + "' needs an initializer");
    }
    frame.scope().declare(binding);
  }

  private void returnStatement(ReturnTree ret, Frame frame) {
    if (ret.getExpression() == null) {
      throw new DiagnosticException(DiagnosticId.ADJ101, ret, "return needs a value");
    }
    Value value = expressions.lower(ret.getExpression(), frame);
    IrType type = frame.source().declaration().returnType();
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
      Value.Var converted = frame.temporary(type);
      frame.emit(new Node.Convert(converted, value, frame.origin(ret)));
      value = converted;
    }
    if (frame.control().returns().isEmpty()) {
      frame.emit(new Node.Return(value, frame.origin(ret)));
      return;
    }
    jumps.returnFromInside(value, ret, frame);
  }

  /** {@code try (GradMode.Scope s = GradMode.noGrad()) { ... }}, with no catch or finally. */
  private static boolean isNoGradScope(TryTree tree, Frame frame) {
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
    return frame
        .source()
        .resolver()
        .resolve(select.getExpression())
        .filter(t -> t.getQualifiedName().contentEquals(GRAD_MODE))
        .isPresent();
  }

  /**
   * A no-grad scope: what it computes is recorded by nothing on the tape, so it reaches later code
   * as a constant. Each variable the block assigns leaves it through {@code Adjoint.noDerivative}
   * (a {@link Node.Detach}), which is exactly that.
   */
  private void noGradScope(TryTree tree, Frame frame) {
    Map<Scope.Binding, Value.Var> before = frame.scope().snapshot();
    statements(tree.getBlock().getStatements(), frame.inBlock());
    for (Map.Entry<Scope.Binding, Value.Var> e : before.entrySet()) {
      Scope.Binding binding = e.getKey();
      if (binding.current != null
          && binding.current != e.getValue()
          && binding.type.carriesDerivative()) {
        Value.Var detached = frame.temporary(binding.type);
        frame.emit(new Node.Detach(detached, binding.current, frame.origin(tree)));
        Assignments.assign(binding, detached, false, tree, frame);
      }
    }
  }
}
