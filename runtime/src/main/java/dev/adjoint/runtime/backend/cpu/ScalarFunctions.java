package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The scalar function behind each {@link ElementwiseOp}: what the CPU kernels apply per element.
 */
final class ScalarFunctions {
  private ScalarFunctions() {}

  static DoubleUnaryOperator unary(ElementwiseOp op) {
    return switch (op) {
      case NEGATE -> x -> -x;
      case EXP -> Math::exp;
      case EXPM1 -> Math::expm1;
      case LOG -> Math::log;
      case LOG1P -> Math::log1p;
      case LOG10 -> Math::log10;
      case SQRT -> Math::sqrt;
      case CBRT -> Math::cbrt;
      case SIN -> Math::sin;
      case COS -> Math::cos;
      case TAN -> Math::tan;
      case ASIN -> Math::asin;
      case ACOS -> Math::acos;
      case ATAN -> Math::atan;
      case SINH -> Math::sinh;
      case COSH -> Math::cosh;
      case TANH -> Math::tanh;
      case ABS -> Math::abs;
      case FLOOR -> Math::floor;
      case CEIL -> Math::ceil;
      case RINT -> Math::rint;
      case SIGNUM -> Math::signum;
      case ADD, SUBTRACT, MULTIPLY, DIVIDE, POW, HYPOT, ATAN2, MAX, MIN ->
          throw new IllegalArgumentException(op + " takes two operands");
    };
  }

  static DoubleBinaryOperator binary(ElementwiseOp op) {
    return switch (op) {
      case ADD -> Double::sum;
      case SUBTRACT -> (x, y) -> x - y;
      case MULTIPLY -> (x, y) -> x * y;
      case DIVIDE -> (x, y) -> x / y;
      case POW -> ScalarFunctions::pow;
      case HYPOT -> Math::hypot;
      case ATAN2 -> Math::atan2;
      case MAX -> Math::max;
      case MIN -> Math::min;
      default -> throw new IllegalArgumentException(op + " takes one operand");
    };
  }

  /**
   * {@code x^y} as PyTorch computes it: x² and x³ as products (PyTorch's special cases, exact in
   * float), otherwise C's {@code pow}, which differs from {@link Math#pow} only in that 1^y = 1 for
   * every y, NaN included, and (-1)^±∞ = 1, where Java gives NaN.
   */
  private static double pow(double x, double y) {
    if (y == 2) {
      return x * x;
    }
    if (y == 3) {
      return x * x * x;
    }
    if (x == 1 || (x == -1 && Double.isInfinite(y))) {
      return 1;
    }
    return Math.pow(x, y);
  }
}
