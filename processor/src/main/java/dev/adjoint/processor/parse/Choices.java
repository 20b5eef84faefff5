package dev.adjoint.processor.parse;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Expressions that evaluate an operand only sometimes, {@code a && b}, {@code c ? a : b} and {@code
 * switch} expressions: each becomes a branch, so an arm that is not taken is never evaluated (no
 * NaN of an unused arm leaks into a gradient).
 */
final class Choices {
  private final Expressions expressions;

  /**
   * What lowers the statements of a switch expression's block arm; set once, when {@link
   * Statements} is built over the same {@link Expressions} (statements hold expressions, and a
   * block arm holds statements).
   */
  private Statements statements;

  Choices(Expressions expressions) {
    this.expressions = expressions;
  }

  void lowerBlocksWith(Statements statements) {
    this.statements = statements;
  }

  /** {@code a && b} evaluates {@code b} only when {@code a} holds: lowered to an if. */
  Value shortCircuit(BinaryTree e, Frame frame) {
    Value left = expressions.condition(e.getLeftOperand(), frame);
    Block rightNodes = new Block();
    Value right = expressions.condition(e.getRightOperand(), frame.into(rightNodes));
    Value.Var result = frame.temporary(IrType.BOOLEAN);
    Origin origin = frame.origin(e);
    rightNodes.add(new Node.Copy(result, right, origin));
    boolean isAnd = e.getKind() == Tree.Kind.CONDITIONAL_AND;
    List<Node> shortCut =
        List.of(
            new Node.Copy(
                result, new Value.Const(isAnd ? "false" : "true", IrType.BOOLEAN), origin));
    List<Node> evaluated = rightNodes.nodes();
    frame.emit(
        new Node.If(left, isAnd ? evaluated : shortCut, isAnd ? shortCut : evaluated, origin));
    return result;
  }

  /** {@code c ? a : b} evaluates one arm only. */
  Value conditional(ConditionalExpressionTree e, Frame frame) {
    Value condition = expressions.condition(e.getCondition(), frame);
    return choose(
        condition,
        f -> expressions.lower(e.getTrueExpression(), f),
        f -> expressions.lower(e.getFalseExpression(), f),
        true,
        e,
        frame);
  }

  /**
   * {@code switch (k) { case 1 -> a; default -> b; }} as a value: each arm computes only when
   * taken, like {@code ?:}. An arm is an expression, or a block whose last statement, its only
   * {@code yield}, gives the value ({@link #blockArm}).
   */
  Value switchExpression(SwitchExpressionTree tree, Frame frame) {
    Value selector = selector(tree.getExpression(), frame);
    List<? extends CaseTree> cases = tree.getCases();
    for (CaseTree c : cases) {
      if (c.getCaseKind() != CaseTree.CaseKind.RULE
          || !(c.getBody() instanceof ExpressionTree
              || c.getBody() instanceof BlockTree
              || c.getBody() instanceof ThrowTree)) {
        throw Typing.unsupported(
            c,
            "this switch arm",
            "write each arm as case 1 -> expression, or case 1 -> { ...; yield expression; }");
      }
    }
    Value value = arms(selector, defaultLast(cases), 0, tree, frame);
    if (value == null) {
      throw new DiagnosticException(
          DiagnosticId.ADJ101,
          tree,
          "every arm of this switch expression throws, so it has no value: throw in a statement"
              + " (if or switch) instead");
    }
    return value;
  }

  private Value arms(
      Value selector, List<? extends CaseTree> cases, int from, Tree where, Frame frame) {
    CaseTree c = cases.get(from);
    Function<Frame, Value> arm =
        switch (c.getBody()) {
          case BlockTree block -> f -> blockArm(block, f);
          case ThrowTree thrown -> f -> throwArm(thrown, f);
          default -> f -> expressions.lower((ExpressionTree) c.getBody(), f);
        };
    if (c.getExpressions().isEmpty() || from == cases.size() - 1) {
      return arm.apply(frame); // default, or the last arm javac proved exhaustive
    }
    Value matches = matches(selector, c, frame);
    return choose(
        matches, arm, f -> arms(selector, cases, from + 1, where, f), false, where, frame);
  }

  /**
   * {@code case 1 -> { double t = x * x; yield t + 1; }}: the block's statements in a scope of
   * their own, then the value of its last statement, its one {@code yield}. The block may declare
   * locals and store into arrays; a variable declared outside the switch that it assigns would need
   * the merge an {@code if} makes, so that is rejected with the statement form as the fix.
   */
  private Value blockArm(BlockTree block, Frame frame) {
    List<? extends StatementTree> body = block.getStatements();
    if (body.isEmpty()
        || !(body.get(body.size() - 1) instanceof YieldTree last)
        || yields(body.subList(0, body.size() - 1))) {
      throw Typing.unsupported(
          block,
          "a yield before the end of a switch arm",
          "compute the value into a local and yield it once, as the block's last statement");
    }
    Map<Scope.Binding, Value.Var> before = frame.scope().snapshot();
    Frame inner = frame.inBlock();
    statements.statements(body.subList(0, body.size() - 1), inner);
    for (Map.Entry<Scope.Binding, Value.Var> e : before.entrySet()) {
      if (e.getKey().current != e.getValue()) {
        throw new DiagnosticException(
            DiagnosticId.ADJ101,
            block,
            "this switch arm assigns '"
                + e.getKey().sourceName
                + "', declared outside the switch expression: assign it in a switch statement"
                + " (case 1 -> { ... }) and use it after the switch");
      }
    }
    return expressions.lower(last.getValue(), inner);
  }

  /**
   * {@code default -> throw new IllegalArgumentException("mode " + mode);}: the arm throws, and has
   * no value (null), so the switch's value is the other arms' ({@link #choose}).
   */
  private Value throwArm(ThrowTree thrown, Frame frame) {
    statements.statement(thrown, null, frame);
    return null;
  }

  /** Whether a {@code yield} occurs in {@code statements}. */
  private static boolean yields(List<? extends StatementTree> statements) {
    TreeScanner<Boolean, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Boolean visitYield(YieldTree tree, Void unused) {
            return true;
          }

          @Override
          public Boolean visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
            return false; // a nested switch expression's yields are its own
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        };
    return statements.stream().anyMatch(s -> Boolean.TRUE.equals(scanner.scan(s, null)));
  }

  /**
   * {@code condition ? whenTrue : whenFalse}, each arm lowered into its own block; tensors may be
   * chosen between where {@code tensors} says so (as an if/else would copy one of them).
   */
  private Value choose(
      Value condition,
      Function<Frame, Value> whenTrue,
      Function<Frame, Value> whenFalse,
      boolean tensors,
      Tree where,
      Frame frame) {
    Block thenNodes = new Block();
    Value a = whenTrue.apply(frame.into(thenNodes));
    Block elseNodes = new Block();
    Value b = whenFalse.apply(frame.into(elseNodes));
    if (a == null && b == null) {
      frame.emit(new Node.If(condition, thenNodes.nodes(), elseNodes.nodes(), frame.origin(where)));
      return null; // both arms throw
    }
    // an arm that throws (null) has no value: the choice has the other's
    a = a == null ? b : a;
    b = b == null ? a : b;
    IrType type;
    if (a.type() == IrType.BOOLEAN && b.type() == IrType.BOOLEAN) {
      type = IrType.BOOLEAN;
    } else if (tensors && a.type() == IrType.TENSOR && b.type() == IrType.TENSOR) {
      type = IrType.TENSOR;
    } else {
      type = IrType.promote(Typing.numeric(a, where).type(), Typing.numeric(b, where).type());
    }
    Value.Var result = frame.temporary(type);
    Origin origin = frame.origin(where);
    thenNodes.add(Assignments.copyOrConvert(result, a, origin));
    elseNodes.add(Assignments.copyOrConvert(result, b, origin));
    frame.emit(new Node.If(condition, thenNodes.nodes(), elseNodes.nodes(), origin));
    return result;
  }

  /** The selector of a switch: an int or long, evaluated once. */
  Value selector(ExpressionTree expression, Frame frame) {
    Value selector = expressions.lower(expression, frame);
    if (selector.type() != IrType.INT && selector.type() != IrType.LONG) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106,
          expression,
          "a switch in a @Differentiable method selects on an int or long, not a "
              + selector.type().javaName());
    }
    return selector;
  }

  /** {@code selector == label₁ || selector == label₂ ...} for one case. */
  Value matches(Value selector, CaseTree c, Frame frame) {
    Value matches = null;
    for (ExpressionTree label : c.getExpressions()) {
      Value constant = expressions.lower(label, frame);
      Value equal = Operators.binary(Tree.Kind.EQUAL_TO, selector, constant, label, frame);
      matches =
          matches == null
              ? equal
              : Operators.operate(JavaOperator.OR, IrType.BOOLEAN, matches, equal, label, frame);
    }
    return matches;
  }

  /** The cases with {@code default} last: without fall-through only its place matters. */
  static List<CaseTree> defaultLast(List<? extends CaseTree> cases) {
    List<CaseTree> ordered = new ArrayList<>(cases);
    ordered.sort(Comparator.comparing(c -> c.getExpressions().isEmpty()));
    return ordered;
  }
}
