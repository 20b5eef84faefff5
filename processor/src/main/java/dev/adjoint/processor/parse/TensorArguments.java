package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * What the arguments of a tensor method must be for a row of {@link TensorOpTable} to take the
 * call, and which of them are operands (after the receiver) and which the operation's parameters.
 */
enum TensorArguments {
  /** No arguments. */
  NONE,
  /** One tensor, an operand. */
  TENSOR,
  /** One number, an operand (broadcast like a tensor of one element). */
  NUMBER,
  /** One int, a parameter (a dimension). */
  INT,
  /** Exactly this row's count of parameters, each an int (else a diagnostic). */
  INTS,
  /**
   * Any number of ints, parameters, as a Java varargs {@code int...} takes them ({@code
   * x.reshape()} is a 0-dimensional tensor, as on the tape).
   */
  SOME_INTS,
  /** Exactly this row's count of parameters, each a number (else a diagnostic). */
  NUMBERS,
  /** An int parameter, then a tensor operand without a derivative (an index). */
  INT_THEN_TENSOR,
  /** A tensor operand without a derivative (a mask), then a number parameter. */
  TENSOR_THEN_NUMBER;

  /** Whether a call with {@code args} takes this form ({@code count}: the row's arity). */
  boolean matches(List<Value> args, int count) {
    int n = args.size();
    return switch (this) {
      case NONE -> n == 0;
      case TENSOR -> n == 1 && args.get(0).type() == IrType.TENSOR;
      case NUMBER -> n == 1 && args.get(0).type().isNumeric();
      case INT -> n == 1 && args.get(0).type() == IrType.INT;
      case INTS, NUMBERS -> n == count;
      case SOME_INTS -> args.stream().allMatch(a -> a.type() == IrType.INT);
      case INT_THEN_TENSOR -> n == 2 && args.get(1).type() == IrType.TENSOR;
      case TENSOR_THEN_NUMBER -> n == 2 && args.get(0).type() == IrType.TENSOR;
    };
  }

  /** The indices of the arguments that are operands, after the receiver. */
  List<Integer> operands(int n) {
    return switch (this) {
      case TENSOR, NUMBER -> List.of(0);
      case INT_THEN_TENSOR -> List.of(1);
      case TENSOR_THEN_NUMBER -> List.of(0);
      default -> List.of();
    };
  }

  /** The indices of the arguments that are parameters. */
  List<Integer> params(int n) {
    return switch (this) {
      case INT, INTS, SOME_INTS, NUMBERS -> range(n);
      case INT_THEN_TENSOR -> List.of(0);
      case TENSOR_THEN_NUMBER -> List.of(1);
      default -> List.of();
    };
  }

  /** Whether the parameters must be ints (dimensions, indices), else numbers. */
  boolean intParams() {
    return this != NUMBERS && this != TENSOR_THEN_NUMBER;
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }
}
