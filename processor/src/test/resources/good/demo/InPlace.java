package demo;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.Owned;

class InPlace {
  /** Normalizes x in place by its first element, then sums squares: x is overwritten. */
  @Differentiable
  static double normalizeFirst(@Owned double[] x) {
    double first = x[0];
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] / first;
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }
}
