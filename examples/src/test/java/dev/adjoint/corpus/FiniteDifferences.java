package dev.adjoint.corpus;

/**
 * Central finite differences in float64 with two steps of Richardson extrapolation: truncation
 * error O(h⁶), rounding error about ε |f| / h.
 */
final class FiniteDifferences {
  private FiniteDifferences() {}

  /** ∂f/∂x_i at x, with h = 10⁻³ max(1, |x_i|). */
  static double partial(CorpusEntry.Primal f, double[] x, int i) {
    double h = 1e-3 * Math.max(1, Math.abs(x[i]));
    double d1 = central(f, x, i, h);
    double d2 = central(f, x, i, h / 2);
    double d4 = central(f, x, i, h / 4);
    // D(h) = f' + c₂h² + c₄h⁴ + …: eliminate h² and h⁴
    return (64 * d4 - 20 * d2 + d1) / 45;
  }

  private static double central(CorpusEntry.Primal f, double[] x, int i, double h) {
    double[] plus = x.clone();
    double[] minus = x.clone();
    plus[i] = x[i] + h;
    minus[i] = x[i] - h;
    // the step actually taken, after rounding
    double step = plus[i] - minus[i];
    return (f.at(plus) - f.at(minus)) / step;
  }
}
