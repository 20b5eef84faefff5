package com.example;

import dev.adjoint.annotations.Differentiable;

/** A user's class: the energy of a body on a spring in a gravity field. */
public class Orbit {
  static final double G = 9.81;

  @Differentiable
  static double energy(double height, double velocity, double stiffness) {
    double kinetic = 0.5 * velocity * velocity;
    double potential = G * height + 0.5 * stiffness * Math.pow(height, 2);
    return kinetic + potential + Math.log1p(Math.exp(-height));
  }
}
