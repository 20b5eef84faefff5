package dev.adjoint.runtime.rules;

/**
 * The small vocabulary that derivative rules are written in.
 *
 * <p>A rule in {@link ElementwiseRules} is a generic method over {@code Algebra<T>}, so the same
 * rule runs in two ways: the annotation processor evaluates it with {@code T} = a Java source
 * expression and so writes the rule's math into the generated adjoint, and the dynamic tape
 * evaluates it with {@code T} = a tensor and so computes the gradient. Each derivative is written
 * once, here.
 *
 * <p>Every operation is elementwise. Binary operations broadcast their operands the way Java
 * arithmetic does for scalars and NumPy does for tensors; {@link #sumToShapeOf} undoes a broadcast
 * on the way back.
 *
 * @param <T> what a value is in this algebra: a source expression, a tensor, a {@code double}
 */
public interface Algebra<T> {
  /** A constant with the given value. */
  T constant(double value);

  T add(T a, T b);

  T subtract(T a, T b);

  T multiply(T a, T b);

  T divide(T a, T b);

  T negate(T a);

  T exp(T a);

  T expm1(T a);

  T log(T a);

  T log1p(T a);

  T log10(T a);

  T sqrt(T a);

  T cbrt(T a);

  T pow(T base, T exponent);

  T hypot(T a, T b);

  T sin(T a);

  T cos(T a);

  T tan(T a);

  T asin(T a);

  T acos(T a);

  T atan(T a);

  /** The angle of the point ({@code x}, {@code y}), as {@link Math#atan2(double, double)}. */
  T atan2(T y, T x);

  T sinh(T a);

  T cosh(T a);

  T tanh(T a);

  T abs(T a);

  T max(T a, T b);

  T min(T a, T b);

  T floor(T a);

  T ceil(T a);

  T rint(T a);

  T signum(T a);

  /** {@code (a cmp b) ? ifTrue : ifFalse}, elementwise. */
  T select(Comparison cmp, T a, T b, T ifTrue, T ifFalse);

  /**
   * Reduces {@code gradient} (shaped like a broadcast result) back to the shape of {@code operand}
   * by summing over the broadcast dimensions. The identity for scalars.
   */
  T sumToShapeOf(T gradient, T operand);
}
