package dev.adjoint.bench.rosenbrock;

import dev.adjoint.annotations.Differentiable;

/**
 * The Rosenbrock function {@code Σ 100(x[i+1] - x[i]²)² + (1 - x[i])²} as a plain loop, and four
 * hand-written adjoints to compare the generated one with: fused, two sweeps, and two forms that
 * remove the loop-carried dependency through {@code gradient} (each pass writes {@code gradient[i]}
 * and {@code gradient[i + 1]}, so the next pass reads what this one stored), which is what keeps
 * the fused loop from being vectorised like the primal.
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

  /**
   * Hand-written, split by written offset (loop fission): the first loop adds each term's partial
   * with respect to {@code x[i]}, the second the partial with respect to {@code x[i + 1]}
   * (recomputing {@code a}), so no pass reads a gradient element another pass wrote.
   */
  public static double fission(double[] x, double[] gradient) {
    double f = 0;
    int terms = x.length - 1;
    for (int i = 0; i < terms; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      gradient[i] += -400 * a * x[i] - 2 * b;
    }
    for (int i = 0; i < terms; i++) {
      double a = x[i + 1] - x[i] * x[i];
      gradient[i + 1] += 200 * a;
    }
    return f;
  }

  /**
   * Hand-written, gathered: element {@code j} collects both partials that reach it, {@code 200·a(j
   * - 1)} from term {@code j - 1} and {@code -400·a(j)·x[j] - 2·b(j)} from term {@code j}, so each
   * element is written once; the first and last elements are peeled off the loop.
   */
  public static double gather(double[] x, double[] gradient) {
    int terms = x.length - 1;
    if (terms <= 0) {
      return 0;
    }
    double a0 = x[1] - x[0] * x[0];
    double b0 = 1 - x[0];
    double f = 100 * a0 * a0 + b0 * b0;
    gradient[0] += -400 * a0 * x[0] - 2 * b0;
    for (int j = 1; j < terms; j++) {
      double a = x[j + 1] - x[j] * x[j];
      double b = 1 - x[j];
      double previous = x[j] - x[j - 1] * x[j - 1];
      f += 100 * a * a + b * b;
      gradient[j] += 200 * previous + (-400 * a * x[j] - 2 * b);
    }
    gradient[terms] += 200 * (x[terms] - x[terms - 1] * x[terms - 1]);
    return f;
  }
}
