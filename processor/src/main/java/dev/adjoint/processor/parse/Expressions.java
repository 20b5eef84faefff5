package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.util.Elements;

/**
 * Expressions, typed as Java types them: each kind of tree goes to the collaborator that lowers it
 * ({@link Operators}, {@link Choices}, {@link ArrayAccess}, {@link FieldReads}, {@link Calls}),
 * which emits what computes it into the frame's block and returns the value.
 */
final class Expressions {
  private final FieldReads fields;
  private final ArrayAccess arrays;
  private final Choices choices;
  private final Calls calls;
  private final Reachability reachability;

  Expressions(
      Trees trees, Elements elements, DerivativeRegistry registry, CalleeLowerings callees) {
    this.reachability = new Reachability(elements, callees);
    Overloads overloads = new Overloads(elements);
    this.fields = new FieldReads(trees, elements, reachability);
    this.arrays = new ArrayAccess(this);
    this.choices = new Choices(this);
    this.calls =
        new Calls(
            this,
            fields,
            overloads,
            new TensorCalls(this, reachability),
            new TensorCallees(this, trees, elements, overloads, reachability, callees),
            new ScalarCallees(elements, registry, reachability),
            new CustomFunctionCalls(this, elements, fields, reachability));
  }

  FieldReads fieldReads() {
    return fields;
  }

  ArrayAccess arrays() {
    return arrays;
  }

  Choices choices() {
    return choices;
  }

  /** What checks that the generated class can name what a body reads. */
  Reachability reachability() {
    return reachability;
  }

  /** Lowers {@code e}, emitting what computes it; returns its value. */
  Value lower(ExpressionTree e, Frame frame) {
    return switch (e.getKind()) {
      case PARENTHESIZED -> lower(((ParenthesizedTree) e).getExpression(), frame);
      case INT_LITERAL -> literal(e, IrType.INT, frame);
      case LONG_LITERAL -> literal(e, IrType.LONG, frame);
      case FLOAT_LITERAL -> literal(e, IrType.FLOAT, frame);
      case DOUBLE_LITERAL -> literal(e, IrType.DOUBLE, frame);
      case BOOLEAN_LITERAL -> literal(e, IrType.BOOLEAN, frame);
      case IDENTIFIER -> fields.name((IdentifierTree) e, frame);
      case MEMBER_SELECT -> {
        MemberSelectTree select = (MemberSelectTree) e;
        yield arrays.length(select, frame).orElseGet(() -> fields.memberSelect(select, frame));
      }
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
        Optional<Value> presence = fields.presence(binary, frame);
        if (presence.isPresent()) {
          yield presence.get();
        }
        Value left = lower(binary.getLeftOperand(), frame);
        Value right = lower(binary.getRightOperand(), frame);
        yield Operators.binary(e.getKind(), left, right, e, frame);
      }
      case CONDITIONAL_AND, CONDITIONAL_OR -> choices.shortCircuit((BinaryTree) e, frame);
      case UNARY_MINUS -> {
        Value operand = Typing.numeric(lower(((UnaryTree) e).getExpression(), frame), e);
        IrType type = IrType.promote(operand.type(), IrType.INT);
        yield Operators.apply(ElementwiseOp.NEGATE, type, List.of(operand), "Math", e, frame);
      }
      case UNARY_PLUS -> Typing.numeric(lower(((UnaryTree) e).getExpression(), frame), e);
      case LOGICAL_COMPLEMENT -> {
        Value operand = condition(((UnaryTree) e).getExpression(), frame);
        yield Operators.not(operand, frame.origin(e), frame);
      }
      case BITWISE_COMPLEMENT -> {
        Value operand = Typing.integral(lower(((UnaryTree) e).getExpression(), frame), e);
        IrType type = IrType.promote(operand.type(), IrType.INT);
        yield Operators.unary(JavaOperator.BITWISE_NOT, type, operand, frame.origin(e), frame);
      }
      case CONDITIONAL_EXPRESSION -> choices.conditional((ConditionalExpressionTree) e, frame);
      case TYPE_CAST -> {
        TypeCastTree cast = (TypeCastTree) e;
        yield Operators.cast(cast, lower(cast.getExpression(), frame), frame);
      }
      case METHOD_INVOCATION -> calls.call((MethodInvocationTree) e, frame);
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
          throw Typing.unsupported(
              e, "this literal", "compute with double, float, int, long, boolean");
      case ARRAY_ACCESS -> {
        ArrayAccessTree access = (ArrayAccessTree) e;
        yield arrays.load(arrays.element(access, frame), access, frame);
      }
      case NEW_ARRAY -> arrays.newArray((NewArrayTree) e, IrType.DOUBLE, frame);
      case NEW_CLASS ->
          throw Typing.unsupported(
              e,
              "'new'",
              "differentiable code computes with primitive values;"
                  + " create objects outside the @Differentiable method");
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE ->
          throw Typing.unsupported(
              e,
              "lambdas and method references",
              "call a @Differentiable method" + " directly instead");
      case INSTANCE_OF ->
          throw Typing.unsupported(
              e, "instanceof", "differentiable code computes" + " with primitive values");
      case SWITCH_EXPRESSION -> choices.switchExpression((SwitchExpressionTree) e, frame);
      default ->
          throw Typing.unsupported(
              e, "this expression", "rewrite it with arithmetic, calls and ?:");
    };
  }

  /** Lowers {@code trees} in order. */
  List<Value> lowerAll(List<? extends ExpressionTree> trees, Frame frame) {
    List<Value> values = new ArrayList<>();
    for (ExpressionTree tree : trees) {
      values.add(lower(tree, frame));
    }
    return values;
  }

  /** Lowers a condition: a boolean, else a diagnostic. */
  Value condition(ExpressionTree e, Frame frame) {
    return Typing.condition(lower(e, frame), e);
  }

  /**
   * A literal as the source spells it ({@code 1e-3}, {@code 2f}), so generated code reads alike.
   */
  private static Value literal(ExpressionTree e, IrType type, Frame frame) {
    return new Value.Const(frame.state().sourceText(e), type);
  }
}
