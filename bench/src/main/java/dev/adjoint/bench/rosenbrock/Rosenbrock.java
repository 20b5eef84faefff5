package dev.adjoint.bench.rosenbrock;

import dev.adjoint.annotations.Differentiable;

/**
 * The Rosenbrock function {@code Σ 100(x[i+1] - x[i]²)² + (1 - x[i])²} as a plain loop, and two
 * hand-written adjoints to compare the generated one with.
 */
public final class Rosenbrock {
  private Rosenbrock() {}

  /** The function, as a user writes it. */
  @Differentiable
  public static double value(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  /**
   * Hand-written, fused: one forward loop that computes the value and adds each term's partials
   * (the terms are independent, so their order does not matter).
   */
  public static double fused(double[] x, double[] gradient) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      gradient[i + 1] += 200 * a;
      gradient[i] += -400 * a * x[i] - 2 * b;
    }
    return f;
  }

  /**
   * Hand-written, two sweeps as reverse mode does it: the value forward, then the partials in a
   * second loop backwards, recomputing the terms from x (nothing stored).
   */
  public static double twoSweeps(double[] x, double[] gradient) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    for (int i = x.length - 2; i >= 0; i--) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      gradient[i + 1] += 200 * a;
      gradient[i] += -400 * a * x[i] - 2 * b;
    }
    return f;
  }
}
