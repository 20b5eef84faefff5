package dev.adjoint.runtime.rules;

import java.util.List;

/**
 * Value and derivative of every {@link ElementwiseOp}, written once against {@link Algebra}.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>{@link #value} computes {@code y = op(x0, x1, ...)}.
 *   <li>{@link #partial} computes the contribution of {@code y}'s adjoint {@code g} to the adjoint
 *       of operand {@code i}: {@code g · ∂y/∂xᵢ}, reduced to the operand's shape. Callers add it
 *       ({@code +=}) to what the operand's adjoint already holds. It may use {@code y} itself where
 *       that is cheaper than recomputing ({@code d exp = exp}).
 *   <li>At points where a function is not differentiable, the rules pick the value PyTorch picks:
 *       {@code |x|' = sign(x)} (0 at 0), {@code max} splits the gradient evenly on ties, {@code
 *       pow} gives no exponent gradient at base 0, and piecewise-constant functions have derivative
 *       0.
 * </ul>
 */
public final class ElementwiseRules {
  private ElementwiseRules() {}

  /** {@code op(args)}. */
  public static <T> T value(ElementwiseOp op, Algebra<T> a, List<T> args) {
    checkArity(op, args);
    T x = args.get(0);
    T w = args.size() > 1 ? args.get(1) : null;
    return switch (op) {
      case ADD -> a.add(x, w);
      case SUBTRACT -> a.subtract(x, w);
      case MULTIPLY -> a.multiply(x, w);
      case DIVIDE -> a.divide(x, w);
      case NEGATE -> a.negate(x);
      case EXP -> a.exp(x);
      case EXPM1 -> a.expm1(x);
      case LOG -> a.log(x);
      case LOG1P -> a.log1p(x);
      case LOG10 -> a.log10(x);
      case SQRT -> a.sqrt(x);
      case CBRT -> a.cbrt(x);
      case POW -> a.pow(x, w);
      case HYPOT -> a.hypot(x, w);
      case SIN -> a.sin(x);
      case COS -> a.cos(x);
      case TAN -> a.tan(x);
      case ASIN -> a.asin(x);
      case ACOS -> a.acos(x);
      case ATAN -> a.atan(x);
      case ATAN2 -> a.atan2(x, w);
      case SINH -> a.sinh(x);
      case COSH -> a.cosh(x);
      case TANH -> a.tanh(x);
      case ABS -> a.abs(x);
      case MAX -> a.max(x, w);
      case MIN -> a.min(x, w);
      case FLOOR -> a.floor(x);
      case CEIL -> a.ceil(x);
      case RINT -> a.rint(x);
      case SIGNUM -> a.signum(x);
    };
  }

  /**
   * {@code g · ∂y/∂args[i]}, where {@code y = op(args)} has already been computed.
   *
   * @param args the operands, as the forward computation saw them
   * @param y the result of the forward computation
   * @param g the adjoint of {@code y}
   * @param i which operand's contribution to compute
   */
  public static <T> T partial(ElementwiseOp op, Algebra<T> a, List<T> args, T y, T g, int i) {
    checkArity(op, args);
    if (i < 0 || i >= op.arity()) {
      throw new IllegalArgumentException(op + " has no operand " + i);
    }
    T x = args.get(0);
    T w = args.size() > 1 ? args.get(1) : null;
    T contribution =
        switch (op) {
          // d(x + w) = dx + dw
          case ADD -> g;
          // d(x - w) = dx - dw
          case SUBTRACT -> i == 0 ? g : a.negate(g);
          // d(x·w) = w·dx + x·dw
          case MULTIPLY -> i == 0 ? a.multiply(g, w) : a.multiply(g, x);
          // d(x/w) = dx/w - (x/w)·dw/w
          case DIVIDE -> i == 0 ? a.divide(g, w) : a.negate(a.divide(a.multiply(g, y), w));
          case NEGATE -> a.negate(g);
          // d exp x = exp x
          case EXP -> a.multiply(g, y);
          // d (eˣ - 1) = eˣ = y + 1
          case EXPM1 -> a.multiply(g, a.add(y, a.constant(1)));
          // d log x = 1/x
          case LOG -> a.divide(g, x);
          // d log(1 + x) = 1/(1 + x)
          case LOG1P -> a.divide(g, a.add(x, a.constant(1)));
          // d log₁₀ x = 1/(x ln 10)
          case LOG10 -> a.divide(g, a.multiply(x, a.constant(Math.log(10))));
          // d √x = 1/(2√x)
          case SQRT -> a.divide(g, a.multiply(a.constant(2), y));
          // d ∛x = 1/(3 ∛x²)
          case CBRT -> a.divide(g, a.multiply(a.constant(3), a.multiply(y, y)));
          case POW -> i == 0 ? powBase(a, x, w, g) : powExponent(a, x, y, g);
          // d √(x² + w²) = (x dx + w dw)/y
          case HYPOT -> a.divide(a.multiply(g, i == 0 ? x : w), y);
          case SIN -> a.multiply(g, a.cos(x));
          case COS -> a.negate(a.multiply(g, a.sin(x)));
          // d tan x = 1 + tan² x
          case TAN -> a.multiply(g, a.add(a.constant(1), a.multiply(y, y)));
          // d asin x = 1/√(1 - x²)
          case ASIN -> a.divide(g, oneMinusSquareRoot(a, x));
          // d acos x = -1/√(1 - x²)
          case ACOS -> a.negate(a.divide(g, oneMinusSquareRoot(a, x)));
          // d atan x = 1/(1 + x²)
          case ATAN -> a.divide(g, a.add(a.constant(1), a.multiply(x, x)));
          // atan2(x, w) is the angle of (w, x): ∂/∂x = w/(x² + w²), ∂/∂w = -x/(x² + w²)
          case ATAN2 -> {
            T radiusSquared = a.add(a.multiply(x, x), a.multiply(w, w));
            yield i == 0
                ? a.divide(a.multiply(g, w), radiusSquared)
                : a.negate(a.divide(a.multiply(g, x), radiusSquared));
          }
          case SINH -> a.multiply(g, a.cosh(x));
          case COSH -> a.multiply(g, a.sinh(x));
          // d tanh x = 1 - tanh² x
          case TANH -> a.multiply(g, a.subtract(a.constant(1), a.multiply(y, y)));
          // d |x| = sign x, 0 at 0
          case ABS -> a.multiply(g, a.signum(x));
          case MAX -> extremum(a, i == 0 ? x : w, i == 0 ? w : x, g);
          case MIN -> extremum(a, i == 0 ? w : x, i == 0 ? x : w, g);
          case FLOOR, CEIL, RINT, SIGNUM -> a.constant(0);
        };
    return a.sumToShapeOf(contribution, args.get(i));
  }

  // ∂(xʷ)/∂x = w·xʷ⁻¹; 0 where w = 0 (so that x = 0 gives 0, not 0·∞)
  private static <T> T powBase(Algebra<T> a, T x, T w, T g) {
    T derivative = a.multiply(w, a.pow(x, a.subtract(w, a.constant(1))));
    return a.select(Comparison.EQUAL, w, a.constant(0), a.constant(0), a.multiply(g, derivative));
  }

  // ∂(xʷ)/∂w = xʷ·ln x; 0 where x = 0 (the limit from above), as PyTorch does
  private static <T> T powExponent(Algebra<T> a, T x, T y, T g) {
    return a.select(
        Comparison.EQUAL, x, a.constant(0), a.constant(0), a.multiply(g, a.multiply(y, a.log(x))));
  }

  private static <T> T oneMinusSquareRoot(Algebra<T> a, T x) {
    return a.sqrt(a.subtract(a.constant(1), a.multiply(x, x)));
  }

  // The operand that is selected gets g, the other nothing; on a tie each gets g/2, which is also
  // what a central difference sees.
  private static <T> T extremum(Algebra<T> a, T self, T other, T g) {
    T zero = a.constant(0);
    T tie = a.select(Comparison.EQUAL, self, other, a.divide(g, a.constant(2)), zero);
    return a.select(Comparison.GREATER, self, other, g, tie);
  }

  private static void checkArity(ElementwiseOp op, List<?> args) {
    if (args.size() != op.arity()) {
      throw new IllegalArgumentException(
          op + " takes " + op.arity() + " operand(s), got " + args.size());
    }
  }
}
