package dev.adjoint.examples.anomalies;

import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;

/** Methods with a planted non-finite value, for the anomaly checks of generated adjoints. */
final class PlantedLog {
  private PlantedLog() {}

  @Differentiable
  static double energy(double x, double y) {
    double r = x * x + y;
    double e = Math.log(r); // planted: log(0) at x = y = 0
    return 2 * e + x;
  }

  @Differentiable(anomalyChecks = false)
  static double unchecked(double x, double y) {
    double r = x * x + y;
    double e = Math.log(r);
    return 2 * e + x;
  }

  /** A helper whose partial is registered: the adjoint calls it as it is. */
  static double ratio(double a, double b, double c) {
    return a / (b - c);
  }

  @Derivative(of = "ratio", wrt = "a")
  static double ratioDa(double a, double b, double c) {
    return 1 / (b - c);
  }

  @Differentiable(wrt = "x")
  static double withHelper(double x, double y) {
    return ratio(x, y, 1.0) + x; // planted: a / 0 at y = 1
  }

  @Differentiable
  static Tensor roots(Tensor x) {
    return x.sqrt().sum(); // planted: d/dx √x = ∞ at 0
  }

  @Differentiable
  static Tensor logs(Tensor x, Tensor w) {
    Tensor h = x.mul(w);
    return h.log().sum(); // planted: log(0) where x·w = 0
  }

  @Differentiable
  static double root(double x, double y) {
    double s = Math.sqrt(x); // planted: d/dx √x = ∞ at 0, while √0 is finite
    return 3 * s + y;
  }
}
