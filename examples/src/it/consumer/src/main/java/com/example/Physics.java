package com.example;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

public class Physics {
  static final double G = 9.81;

  /** The energy of a body of mass m at height h with velocity v on a spring of stiffness k. */
  @Differentiable
  static double energy(@NoDerivative double m, double h, double v, double k) {
    double kinetic = 0.5 * m * v * v;
    double potential = m * G * h + 0.5 * k * h * h;
    return kinetic + potential;
  }
}
