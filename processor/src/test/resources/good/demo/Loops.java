package demo;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

class Loops {
  @Differentiable
  static double rosenbrock(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  @Differentiable
  static double firstAbove(double[] xs, @NoDerivative double limit) {
    double sum = 0;
    for (double v : xs) {
      if (v > limit) {
        return sum + v * v;
      }
      sum += Math.sin(v);
    }
    return sum;
  }

  @Differentiable
  static double[] q(double[] a, double[] b) {
    double[] q = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      q[i] = 3 * a[i] * a[i] * a[i] - b[i] * b[i];
    }
    return q;
  }
}
