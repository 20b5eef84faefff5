package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhysicsTest {
  @Test
  void generatedGradientMatchesCentralDifferences() {
    double m = 2.0;
    double h = 1.5;
    double v = -3.0;
    double k = 40.0;
    PhysicsGrad.EnergyGradient g = PhysicsGrad.energy(m, h, v, k);
    double step = 1e-6;
    assertEquals(Physics.energy(m, h, v, k), g.value());
    assertEquals(
        (Physics.energy(m, h + step, v, k) - Physics.energy(m, h - step, v, k)) / (2 * step),
        g.h(),
        1e-5);
    assertEquals(
        (Physics.energy(m, h, v + step, k) - Physics.energy(m, h, v - step, k)) / (2 * step),
        g.v(),
        1e-5);
    assertEquals(0.5 * h * h, g.k(), 1e-12);
  }
}
