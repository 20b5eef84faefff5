package dev.adjoint.safety;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/** Functions whose adjoints use the thread's compile-time tape (loops that overwrite, branches). */
final class Workloads {
  private Workloads() {}

  /** A damped oscillator stepped {@code steps} times, its energy clipped where it grows. */
  @Differentiable
  static double oscillator(double k, double damping, double x, @NoDerivative int steps) {
    double v = 0;
    double dt = 0.01;
    for (int i = 0; i < steps; i++) {
      double a = -k * x - damping * v;
      v = v + dt * a;
      x = x + dt * v;
      if (x * x > 4) {
        double clipped = 2 + Math.log(x * x - 3);
        x = x > 0 ? clipped : -clipped;
      }
    }
    return 0.5 * v * v + 0.5 * k * x * x;
  }
}
