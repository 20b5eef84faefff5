package dev.adjoint.processor.fuzz;

/**
 * What the traced copy of a random program calls on each double intermediate: the largest magnitude
 * seen, so that the test can skip points where the program overflows (where the gradient may be NaN
 * from ∞ × 0 while finite differences see a flat function).
 */
public final class Trace {
  private static double largest;

  private Trace() {}

  /** Records {@code x} and returns it. */
  public static double tr(double x) {
    double magnitude = Math.abs(x);
    if (!(magnitude <= largest) && !Double.isNaN(largest)) {
      largest = magnitude; // a NaN, once seen, stays
    }
    return x;
  }

  /** Forgets what was seen. */
  static void reset() {
    largest = 0;
  }

  /** The largest magnitude since {@link #reset}, NaN if a NaN was seen. */
  static double largest() {
    return largest;
  }
}
