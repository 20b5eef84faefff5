package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Optional;

/**
 * The checks generated adjoints run inside {@link AnomalyMode#detect()}: after each value the
 * forward sweep computes and each tensor gradient the reverse sweep computes, the first NaN or
 * infinity throws an {@link ArithmeticException} naming the user's source line and the operation,
 * as the build knew them ({@code Physics.java:42: Math.log(x) produced -Infinity in the forward
 * sweep}). A value is reported where it first goes wrong: not if an operand was already NaN or
 * infinite.
 *
 * <p>Generated code reads {@link AnomalyMode#isEnabled()} once per call into a local and calls
 * these only when it is set.
 */
public final class GeneratedAnomalies {
  private GeneratedAnomalies() {}

  /** After {@code y = op(a)}, at {@code where} ({@code File.java:line: expression}). */
  public static void forward(double y, String where, double a) {
    if (!Double.isFinite(y) && Double.isFinite(a)) {
      throw produced(where, y, "operand " + a);
    }
  }

  /** After {@code y = op(a, b)}. */
  public static void forward(double y, String where, double a, double b) {
    if (!Double.isFinite(y) && Double.isFinite(a) && Double.isFinite(b)) {
      throw produced(where, y, "operands " + a + ", " + b);
    }
  }

  /** After {@code y = f(operands)}: a call of a method whose partials are registered. */
  public static void forward(double y, String where, double[] operands) {
    if (Double.isFinite(y)) {
      return;
    }
    for (double a : operands) {
      if (!Double.isFinite(a)) {
        return;
      }
    }
    throw produced(where, y, "arguments " + java.util.Arrays.toString(operands));
  }

  /** After {@code y = op(operands)} on tensors (a Java number operand is a tensor of one here). */
  public static void forward(Tensor y, String where, Tensor... operands) {
    if (y == null) {
      return;
    }
    Optional<String> bad = AnomalyMode.firstNonFinite(y);
    if (bad.isEmpty()) {
      return;
    }
    StringBuilder shapes = new StringBuilder();
    for (Tensor in : operands) {
      if (in != null && AnomalyMode.firstNonFinite(in).isPresent()) {
        return; // carried from an operand, not produced here
      }
      if (in != null) {
        shapes.append(shapes.isEmpty() ? "" : ", ").append(Shape.format(in.shape()));
      }
    }
    throw new ArithmeticException(
        where
            + " produced "
            + bad.get()
            + " of its result of shape "
            + Shape.format(y.shape())
            + " in the forward sweep (operands of shape "
            + shapes
            + ")");
  }

  /**
   * After the reverse sweep computed {@code gradient}, the adjoint of {@code operand} in the
   * operation at {@code where}: it must be finite where the adjoint it came from, {@code from}, is.
   */
  public static void reverse(Tensor gradient, String where, String operand, Tensor from) {
    if (gradient == null || (from != null && AnomalyMode.firstNonFinite(from).isPresent())) {
      return;
    }
    Optional<String> bad = AnomalyMode.firstNonFinite(gradient);
    if (bad.isPresent()) {
      throw new ArithmeticException(
          where
              + ": the gradient for "
              + operand
              + " is "
              + bad.get()
              + " of shape "
              + Shape.format(gradient.shape())
              + " in the reverse sweep");
    }
  }

  /**
   * After the reverse sweep wrote {@code gradient}, a scalar adjoint of {@code operand}, at {@code
   * where}: it must be finite (the sweep checks every write, so the first that is not is where the
   * gradient went wrong).
   */
  public static void reverse(double gradient, String where, String operand) {
    if (!Double.isFinite(gradient)) {
      throw new ArithmeticException(
          where + ": the gradient for " + operand + " is " + gradient + " in the reverse sweep");
    }
  }

  private static ArithmeticException produced(String where, double y, String operands) {
    return new ArithmeticException(
        where + " produced " + y + " in the forward sweep (" + operands + ")");
  }
}
