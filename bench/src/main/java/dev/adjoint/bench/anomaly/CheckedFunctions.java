package dev.adjoint.bench.anomaly;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The same functions twice: with the generated anomaly checks (the default) and without them
 * ({@code anomalyChecks = false}), so that {@link AnomalyCheckBenchmark} can time what the checks
 * cost when anomaly mode is off: the scalar function of {@code ScalarBenchmark}, the Rosenbrock
 * loop, and a small tensor function.
 */
public final class CheckedFunctions {
  private CheckedFunctions() {}

  @Differentiable
  public static double scalar(double x, double y, double z, double w) {
    double a = x * y + Math.sin(z);
    double b = Math.exp(-a * a) + Math.log1p(y * y);
    double c = Math.sqrt(1 + z * z) * Math.cos(x - w);
    double d = Math.tanh(b - c) / (1 + w * w);
    double e = Math.atan(d) + Math.hypot(a, c);
    double g = a > 0 ? e * b : e - b;
    g += 0.5 * d * w;
    return g * Math.max(c, -1) + Math.min(a, 3) - z / (2 + x * x);
  }

  @Differentiable(anomalyChecks = false)
  public static double scalarPlain(double x, double y, double z, double w) {
    double a = x * y + Math.sin(z);
    double b = Math.exp(-a * a) + Math.log1p(y * y);
    double c = Math.sqrt(1 + z * z) * Math.cos(x - w);
    double d = Math.tanh(b - c) / (1 + w * w);
    double e = Math.atan(d) + Math.hypot(a, c);
    double g = a > 0 ? e * b : e - b;
    g += 0.5 * d * w;
    return g * Math.max(c, -1) + Math.min(a, 3) - z / (2 + x * x);
  }

  @Differentiable
  public static double rosenbrock(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  @Differentiable(anomalyChecks = false)
  public static double rosenbrockPlain(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  @Differentiable
  public static Tensor tensor(Tensor x, Tensor w) {
    Tensor u = x.matmul(w).tanh().sub(x.exp().mul(0.5));
    return u.mul(u).sum(1).mean();
  }

  @Differentiable(anomalyChecks = false)
  public static Tensor tensorPlain(Tensor x, Tensor w) {
    Tensor u = x.matmul(w).tanh().sub(x.exp().mul(0.5));
    return u.mul(u).sum(1).mean();
  }
}
