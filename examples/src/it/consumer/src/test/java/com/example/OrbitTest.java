package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrbitTest {
  @Test
  void generatedGradientMatchesCentralDifferences() {
    double h = 1.3;
    double v = -2.0;
    double k = 0.7;
    OrbitGrad.EnergyGradient g = OrbitGrad.energy(h, v, k);
    double step = 1e-6;
    assertEquals(Orbit.energy(h, v, k), g.value());
    assertEquals(
        (Orbit.energy(h + step, v, k) - Orbit.energy(h - step, v, k)) / (2 * step),
        g.height(),
        1e-6);
    assertEquals(
        (Orbit.energy(h, v + step, k) - Orbit.energy(h, v - step, k)) / (2 * step),
        g.velocity(),
        1e-6);
    assertEquals(0.5 * h * h, g.stiffness(), 1e-12);
  }
}
