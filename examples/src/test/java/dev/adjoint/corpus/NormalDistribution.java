package dev.adjoint.corpus;

import dev.adjoint.annotations.Derivative;

/**
 * The standard normal distribution, with a CDF the processor cannot see into (it loops) and its
 * derivative registered by hand: the corpus's {@code @Derivative} callee.
 */
public final class NormalDistribution {
  private NormalDistribution() {}

  /** φ(x) = exp(-x²/2) / √(2π). */
  public static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  /**
   * Φ(x) = (1 + erf(x/√2)) / 2, with erf(z) = 2/√π e^{-z²} Σ 2ⁿ z^{2n+1} / (1·3·…·(2n+1)), a series
   * of positive terms (no cancellation); accurate to a few ulps for |x| ≤ 8.
   */
  public static double cdf(double x) {
    double z = x / Math.sqrt(2);
    double term = z;
    double sum = z;
    for (int n = 1; n < 400 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= 2 * z * z / (2 * n + 1);
      sum += term;
    }
    double erf = 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
    return 0.5 * (1 + erf);
  }

  /** dΦ/dx = φ(x). */
  @Derivative(of = "cdf", wrt = "x")
  public static double cdfDx(double x) {
    return pdf(x);
  }
}
