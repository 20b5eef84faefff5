package dev.adjoint;

/**
 * Markers that user code writes inside {@code @Differentiable} methods to say what it means.
 *
 * <p>Both engines read them: the processor treats the argument as a constant (no derivative flows
 * through it), and plain Java evaluation returns the argument unchanged.
 */
public final class Adjoint {
  private Adjoint() {}

  /**
   * Returns {@code value} unchanged, and tells the processor that no derivative flows through it.
   * Use it to state on purpose that a piecewise-constant function ({@code Math.floor}, a cast to
   * {@code int}) or any other value is a constant for differentiation.
   */
  public static double noDerivative(double value) {
    return value;
  }

  /** The {@code float} form of {@link #noDerivative(double)}. */
  public static float noDerivative(float value) {
    return value;
  }
}
