package dev.adjoint.corpus;

import dev.adjoint.annotations.Differentiable;

/**
 * A damped spring: the corpus's instance methods, reading fields of {@code this} (package-private:
 * the generated class reads them).
 */
final class Oscillator {
  final double mass;
  final double stiffness;
  final double damping;
  final int modes;

  Oscillator(double mass, double stiffness, double damping, int modes) {
    this.mass = mass;
    this.stiffness = stiffness;
    this.damping = damping;
    this.modes = modes;
  }

  /** Kinetic plus potential energy: m v² / 2 + k x² / 2. */
  @Differentiable
  double energy(double x, double v) {
    return 0.5 * mass * v * v + 0.5 * this.stiffness * x * x;
  }

  /** Displacement at time t of the under-damped oscillator released from x0 at rest. */
  @Differentiable
  double displacement(double x0, double t) {
    double omega0 = Math.sqrt(stiffness / mass);
    double zeta = damping / (2 * Math.sqrt(stiffness * mass));
    double omega = omega0 * Math.sqrt(1 - zeta * zeta);
    return x0 * Math.exp(-zeta * omega0 * t) * Math.cos(omega * t) * modes;
  }

  /** Calls the other instance methods, with and without {@code this}. */
  @Differentiable
  double energyRatio(double x, double v) {
    return energy(x, v) / (1 + this.energy(v, x)) + damping * displacement(x, v);
  }
}
