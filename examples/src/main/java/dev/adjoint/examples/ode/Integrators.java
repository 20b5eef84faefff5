package dev.adjoint.examples.ode;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * Time stepping as it is usually written: a Runge–Kutta integrator of an oscillator and an explicit
 * diffusion stencil on two buffers swapped after every step. Their gradients with respect to the
 * initial state and the coefficients are what sensitivity analysis and parameter fitting need.
 */
public final class Integrators {
  private Integrators() {}

  /**
   * The position after {@code steps} classical Runge–Kutta (RK4) steps of length {@code dt} of the
   * damped oscillator with a cubic spring (Duffing), {@code x'' = -k·x - c·x' - e·x³}, from {@code
   * (x0, v0)}.
   */
  @Differentiable
  public static double oscillatorRk4(
      double x0, double v0, double k, double c, double e, double dt, @NoDerivative int steps) {
    double x = x0;
    double v = v0;
    for (int i = 0; i < steps; i++) {
      double k1x = v;
      double k1v = -k * x - c * v - e * x * x * x;
      double x2 = x + 0.5 * dt * k1x;
      double v2 = v + 0.5 * dt * k1v;
      double k2x = v2;
      double k2v = -k * x2 - c * v2 - e * x2 * x2 * x2;
      double x3 = x + 0.5 * dt * k2x;
      double v3 = v + 0.5 * dt * k2v;
      double k3x = v3;
      double k3v = -k * x3 - c * v3 - e * x3 * x3 * x3;
      double x4 = x + dt * k3x;
      double v4 = v + dt * k3v;
      double k4x = v4;
      double k4v = -k * x4 - c * v4 - e * x4 * x4 * x4;
      x += dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
      v += dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
    }
    return x;
  }

  /**
   * The weighted energy {@code Σ (i + 1)·u[i]²} after {@code steps} explicit steps of the heat
   * equation {@code u ← u + κ·(u[i-1] - 2u[i] + u[i+1])} (ends held fixed), ping-ponging between
   * two buffers.
   */
  @Differentiable
  public static double diffuse(double[] u0, double kappa, @NoDerivative int steps) {
    int n = u0.length;
    double[] cur = u0.clone();
    double[] nxt = new double[n];
    for (int s = 0; s < steps; s++) {
      nxt[0] = cur[0];
      for (int i = 1; i < n - 1; i++) {
        nxt[i] = cur[i] + kappa * (cur[i - 1] - 2 * cur[i] + cur[i + 1]);
      }
      nxt[n - 1] = cur[n - 1];
      double[] t = cur;
      cur = nxt;
      nxt = t;
    }
    double energy = 0;
    for (int i = 0; i < n; i++) {
      energy += (i + 1) * cur[i] * cur[i];
    }
    return energy;
  }
}
