package dev.adjoint.runtime.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * The elementwise primitives: Java's arithmetic operators and the differentiable functions of
 * {@link Math}. Each has its value and its derivative in {@link ElementwiseRules}; a constant added
 * here without a rule there does not compile.
 */
public enum ElementwiseOp {
  ADD(2, null, "+"),
  SUBTRACT(2, null, "-"),
  MULTIPLY(2, null, "*"),
  DIVIDE(2, null, "/"),
  NEGATE(1, null, "-"),
  EXP(1, "exp", null),
  EXPM1(1, "expm1", null),
  LOG(1, "log", null),
  LOG1P(1, "log1p", null),
  LOG10(1, "log10", null),
  SQRT(1, "sqrt", null),
  CBRT(1, "cbrt", null),
  POW(2, "pow", null),
  HYPOT(2, "hypot", null),
  SIN(1, "sin", null),
  COS(1, "cos", null),
  TAN(1, "tan", null),
  ASIN(1, "asin", null),
  ACOS(1, "acos", null),
  ATAN(1, "atan", null),
  ATAN2(2, "atan2", null),
  SINH(1, "sinh", null),
  COSH(1, "cosh", null),
  TANH(1, "tanh", null),
  ABS(1, "abs", null),
  MAX(2, "max", null),
  MIN(2, "min", null),
  FLOOR(1, "floor", null),
  CEIL(1, "ceil", null),
  RINT(1, "rint", null),
  SIGNUM(1, "signum", null);

  private final int arity;
  private final String mathMethod;
  private final String operator;

  ElementwiseOp(int arity, String mathMethod, String operator) {
    this.arity = arity;
    this.mathMethod = mathMethod;
    this.operator = operator;
  }

  /** How many operands the primitive takes. */
  public int arity() {
    return arity;
  }

  /** The name of the {@link Math} method computing it, if it is one. */
  public Optional<String> mathMethod() {
    return Optional.ofNullable(mathMethod);
  }

  /** The Java operator computing it ({@code +}, unary {@code -}, ...), if it is one. */
  public Optional<String> operator() {
    return Optional.ofNullable(operator);
  }

  /**
   * Whether the primitive is constant between jumps ({@code floor}, {@code signum}, ...): its
   * derivative is zero almost everywhere, so a gradient through it is almost surely not what the
   * author meant unless they say so.
   */
  public boolean isPiecewiseConstant() {
    return switch (this) {
      case FLOOR, CEIL, RINT, SIGNUM -> true;
      default -> false;
    };
  }

  /**
   * Whether, for {@code float} operands, the {@link Math} method returns {@code float} (as {@code
   * abs}, {@code max}, {@code min} and {@code signum} do) rather than {@code double}.
   */
  public boolean preservesFloat() {
    return switch (this) {
      case ABS, MAX, MIN, SIGNUM -> true;
      default -> operator != null;
    };
  }

  /** The primitive computed by {@code Math.<name>} with {@code arity} arguments, if any. */
  public static Optional<ElementwiseOp> ofMathMethod(String name, int arity) {
    return Arrays.stream(values())
        .filter(op -> name.equals(op.mathMethod) && op.arity == arity)
        .findFirst();
  }
}
