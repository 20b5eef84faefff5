package dev.adjoint.examples.checks;

import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Differentiable;

/**
 * Scalar code with user rules, one of them planted wrong: {@code d/dx x³} registered as {@code 2x²}
 * instead of {@code 3x²}. Nothing but the generated checks compares a rule with its target.
 */
final class PlantedRules {
  private PlantedRules() {}

  static double softclip(double x, double limit) {
    return limit * Math.tanh(x / limit);
  }

  /** d/dx limit·tanh(x/limit) = 1 − tanh²(x/limit). */
  @Derivative(of = "softclip", wrt = "x")
  static double softclipDx(double x, double limit) {
    double t = Math.tanh(x / limit);
    return 1 - t * t;
  }

  static double cube(double x) {
    return x * x * x;
  }

  /** Wrong on purpose: d/dx x³ is 3x². */
  @Derivative(of = "cube")
  static double cubeDx(double x) {
    return 2 * x * x;
  }

  @Differentiable
  static double clipped(double x, double w, double[] v) {
    return softclip(w * x, 2.0) + v[0] * v[1];
  }

  @Differentiable
  static double cubed(double x, double w) {
    return cube(w * x) + w;
  }
}
