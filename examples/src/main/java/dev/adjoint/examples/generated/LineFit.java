package dev.adjoint.examples.generated;

import dev.adjoint.annotations.Differentiable;

/** REFERENCE.md R5: the mean squared error of the line {@code w·x + b} over (x, y) points. */
public final class LineFit {
  private LineFit() {}

  /** {@code mean((w·x + b - y)²)}, differentiated with respect to w and b. */
  @Differentiable(wrt = {"w", "b"})
  public static double loss(double w, double b, double[] x, double[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double error = w * x[i] + b - y[i];
      total += error * error;
    }
    return total / x.length;
  }

  /**
   * Fits from w = b = 0 with lr 1e-4 for 100 epochs, as the tape example does, and returns {first
   * loss, last loss, w, b}.
   */
  public static double[] fit(double[] x, double[] y) {
    double w = 0;
    double b = 0;
    double[] gradient = new double[2];
    double first = 0;
    double last = 0;
    for (int epoch = 0; epoch < 100; epoch++) {
      java.util.Arrays.fill(gradient, 0);
      double loss = LineFitGrad.loss(w, b, x, y, 1.0, gradient);
      w -= 1e-4 * gradient[0];
      b -= 1e-4 * gradient[1];
      if (epoch == 0) {
        first = loss;
      }
      last = loss;
    }
    return new double[] {first, last, w, b};
  }
}
