package dev.adjoint.bench.scalar;

import dev.adjoint.annotations.Differentiable;

/** The benchmarked scalar function: four inputs, about thirty operations, a branch. */
public final class ScalarFunction {
  private ScalarFunction() {}

  /** A made-up but typical loss-like formula mixing arithmetic and transcendental functions. */
  @Differentiable
  public static double f(double x, double y, double z, double w) {
    double a = x * y + Math.sin(z);
    double b = Math.exp(-a * a) + Math.log1p(y * y);
    double c = Math.sqrt(1 + z * z) * Math.cos(x - w);
    double d = Math.tanh(b - c) / (1 + w * w);
    double e = Math.atan(d) + Math.hypot(a, c);
    double g = a > 0 ? e * b : e - b;
    g += 0.5 * d * w;
    return g * Math.max(c, -1) + Math.min(a, 3) - z / (2 + x * x);
  }
}
