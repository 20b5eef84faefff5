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

  /** The branch decisions taken since {@link #reset}, hashed in order. */
  private static long decisions;

  /** Records the outcome of a comparison and returns it. */
  public static boolean br(boolean outcome) {
    decisions = 31 * decisions + (outcome ? 1 : 2);
    return outcome;
  }

  /** {@code Math.max} or {@code Math.min}, recording which operand it chose (and ties). */
  public static double mm(boolean max, double x, double y) {
    decisions = 31 * decisions + (x > y ? 3 : x == y ? 4 : 5);
    return max ? Math.max(x, y) : Math.min(x, y);
  }

  /**
   * The decisions since {@link #reset}: a finite difference across points that decide differently
   * (a comparison that flips, decided by rounding when its operands are equal up to it) measures a
   * jump, not the derivative.
   */
  static long decisions() {
    return decisions;
  }

  /** Forgets what was seen. */
  static void reset() {
    largest = 0;
    decisions = 17;
  }

  /** The largest magnitude since {@link #reset}, NaN if a NaN was seen. */
  static double largest() {
    return largest;
  }
}
