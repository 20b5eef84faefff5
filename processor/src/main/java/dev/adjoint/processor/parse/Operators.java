package dev.adjoint.processor.parse;

import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.JavaOperator;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;

/**
 * Java's operators on numbers and booleans, typed as Java types them (binary numeric promotion, JLS
 * 5.6): arithmetic becomes {@link Node.Apply} of a primitive with a rule; comparisons, {@code !},
 * {@code %} and bitwise operators, which have no derivative, become {@link Node.Operate}.
 */
final class Operators {
  private Operators() {}

  static Value binary(Tree.Kind kind, Value left, Value right, Tree where, Frame frame) {
    switch (kind) {
      case PLUS, MINUS, MULTIPLY, DIVIDE -> {
        Typing.numeric(left, where);
        Typing.numeric(right, where);
        IrType type = IrType.promote(left.type(), right.type());
        ElementwiseOp op =
            switch (kind) {
              case PLUS -> ElementwiseOp.ADD;
              case MINUS -> ElementwiseOp.SUBTRACT;
              case MULTIPLY -> ElementwiseOp.MULTIPLY;
              default -> ElementwiseOp.DIVIDE;
            };
        return apply(op, type, List.of(left, right), "Math", where, frame);
      }
      case REMAINDER -> {
        Typing.numeric(left, where);
        Typing.numeric(right, where);
        IrType type = IrType.promote(left.type(), right.type());
        return operate(JavaOperator.REMAINDER, type, left, right, where, frame);
      }
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> {
        Typing.numeric(left, where);
        Typing.numeric(right, where);
        JavaOperator op =
            switch (kind) {
              case LESS_THAN -> JavaOperator.LESS;
              case LESS_THAN_EQUAL -> JavaOperator.LESS_EQUAL;
              case GREATER_THAN -> JavaOperator.GREATER;
              default -> JavaOperator.GREATER_EQUAL;
            };
        return operate(op, IrType.BOOLEAN, left, right, where, frame);
      }
      case EQUAL_TO, NOT_EQUAL_TO -> {
        if ((left.type() == IrType.BOOLEAN) != (right.type() == IrType.BOOLEAN)) {
          throw new DiagnosticException(
              DiagnosticId.ADJ106, where, "cannot compare a boolean with a number");
        }
        JavaOperator op = kind == Tree.Kind.EQUAL_TO ? JavaOperator.EQUAL : JavaOperator.NOT_EQUAL;
        return operate(op, IrType.BOOLEAN, left, right, where, frame);
      }
      case AND, OR, XOR -> {
        JavaOperator op =
            kind == Tree.Kind.AND
                ? JavaOperator.AND
                : kind == Tree.Kind.OR ? JavaOperator.OR : JavaOperator.XOR;
        if (left.type() == IrType.BOOLEAN && right.type() == IrType.BOOLEAN) {
          return operate(op, IrType.BOOLEAN, left, right, where, frame);
        }
        Typing.integral(left, where);
        Typing.integral(right, where);
        IrType type = IrType.promote(left.type(), right.type());
        return operate(op, type, left, right, where, frame);
      }
      case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
        Typing.integral(left, where);
        Typing.integral(right, where);
        JavaOperator op =
            kind == Tree.Kind.LEFT_SHIFT
                ? JavaOperator.SHIFT_LEFT
                : kind == Tree.Kind.RIGHT_SHIFT
                    ? JavaOperator.SHIFT_RIGHT
                    : JavaOperator.UNSIGNED_SHIFT_RIGHT;
        // a shift has the promoted type of its left operand alone (JLS 15.19)
        IrType type = IrType.promote(left.type(), IrType.INT);
        return operate(op, type, left, right, where, frame);
      }
      default ->
          throw new DiagnosticException(
              DiagnosticId.ADJ102, where, "operator " + kind + " is not supported");
    }
  }

  /** The operator of a compound assignment: {@code x op= e} is {@code x = (T) (x op e)}. */
  static Tree.Kind compoundOperator(Tree.Kind kind) {
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

  /** {@code (T) operand} between primitive types. */
  static Value cast(TypeCastTree cast, Value operand, Frame frame) {
    if (!(cast.getType() instanceof PrimitiveTypeTree primitive)) {
      throw Typing.unsupported(
          cast, "a cast to " + cast.getType(), "cast only between primitive types");
    }
    IrType type = Typing.of(primitive, cast);
    if (operand.type().isArray()) {
      throw Typing.unsupported(cast, "a cast of an array", "cast its elements");
    }
    if (type == operand.type()) {
      return operand;
    }
    if (type == IrType.BOOLEAN || operand.type() == IrType.BOOLEAN) {
      throw new DiagnosticException(
          DiagnosticId.ADJ106, cast, "cannot cast between boolean and" + " a number");
    }
    Value.Var target = frame.temporary(type);
    frame.emit(new Node.Convert(target, operand, frame.origin(cast)));
    return target;
  }

  /** {@code target = op(args)} for a primitive with a rule. */
  static Value.Var apply(
      ElementwiseOp op, IrType type, List<Value> args, String mathClass, Tree where, Frame frame) {
    Value.Var target = frame.temporary(type);
    frame.emit(new Node.Apply(target, op, args, mathClass, frame.origin(where)));
    return target;
  }

  /** {@code target = a op b} for an operator without a derivative. */
  static Value.Var operate(
      JavaOperator op, IrType type, Value a, Value b, Tree where, Frame frame) {
    Value.Var target = frame.temporary(type);
    frame.emit(new Node.Operate(target, op, List.of(a, b), frame.origin(where)));
    return target;
  }

  /** {@code !value} or {@code ~value}, typed {@code type}. */
  static Value.Var unary(JavaOperator op, IrType type, Value value, Origin origin, Frame frame) {
    Value.Var target = frame.temporary(type);
    frame.emit(new Node.Operate(target, op, List.of(value), origin));
    return target;
  }

  static Value.Var not(Value value, Origin origin, Frame frame) {
    return unary(JavaOperator.NOT, IrType.BOOLEAN, value, origin, frame);
  }
}
