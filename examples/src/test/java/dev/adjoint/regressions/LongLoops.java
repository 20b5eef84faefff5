package dev.adjoint.regressions;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/** Loops whose reverse sweeps keep a value per pass on the compile-time tape. */
final class LongLoops {
  private LongLoops() {}

  /** The logistic map x ← r·x·(1 − x), {@code steps} times. */
  @Differentiable
  static double logisticMap(double r, double x, @NoDerivative int steps) {
    for (int i = 0; i < steps; i++) {
      x = r * x * (1 - x);
    }
    return x;
  }
}
