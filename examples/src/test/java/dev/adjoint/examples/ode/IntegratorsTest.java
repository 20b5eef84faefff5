package dev.adjoint.examples.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.tape.Tape;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The generated gradients of the integrators against central differences, and what their loops keep
 * on the compile-time tape: a step of each keeps only the state it overwrites.
 */
class IntegratorsTest {
  private static final double X0 = 0.8;
  private static final double V0 = -0.3;
  private static final double K = 2.0;
  private static final double C = 0.15;
  private static final double E = 0.4;
  private static final double DT = 0.01;
  private static final int STEPS = 500;

  /** {@code (f(p + h) - f(p - h)) / 2h}, h scaled to p. */
  private static double centralDifference(DoubleUnaryOperator f, double p) {
    double h = 1e-6 * Math.max(1, Math.abs(p));
    return (f.applyAsDouble(p + h) - f.applyAsDouble(p - h)) / (2 * h);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void rk4GradientMatchesCentralDifferences() {
    IntegratorsGrad.OscillatorRk4Gradient g =
        IntegratorsGrad.oscillatorRk4(X0, V0, K, C, E, DT, STEPS);
    assertEquals(Integrators.oscillatorRk4(X0, V0, K, C, E, DT, STEPS), g.value());
    assertClose(
        centralDifference(p -> Integrators.oscillatorRk4(p, V0, K, C, E, DT, STEPS), X0),
        g.x0(),
        "x0");
    assertClose(
        centralDifference(p -> Integrators.oscillatorRk4(X0, p, K, C, E, DT, STEPS), V0),
        g.v0(),
        "v0");
    assertClose(
        centralDifference(p -> Integrators.oscillatorRk4(X0, V0, p, C, E, DT, STEPS), K),
        g.k(),
        "k");
    assertClose(
        centralDifference(p -> Integrators.oscillatorRk4(X0, V0, K, p, E, DT, STEPS), C),
        g.c(),
        "c");
    assertClose(
        centralDifference(p -> Integrators.oscillatorRk4(X0, V0, K, C, p, DT, STEPS), E),
        g.e(),
        "e");
    assertClose(
        centralDifference(p -> Integrators.oscillatorRk4(X0, V0, K, C, E, p, STEPS), DT),
        g.dt(),
        "dt");
  }

  /**
   * A step overwrites x and v, and a step is not invertible in floating point, so they are stored:
   * 2 doubles a step. Everything else in the step (the four stages and their sums, 54 values; the
   * invariants 0.5·dt, -k and dt/6 are computed once, before the loop) is recomputed in the reverse
   * pass from them.
   */
  @Test
  void rk4KeepsTwoDoublesAStep() {
    Tape tape = Tape.current();
    tape.resetPeaks();
    IntegratorsGrad.oscillatorRk4(X0, V0, K, C, E, DT, STEPS);
    // every push of the one loop precedes its pops: the peak is the number of pushes
    assertEquals(new Tape.Peaks(2 * STEPS, 0, 0, 0), tape.peaks());
    assertEquals(0, tape.size());
  }

  @Test
  void pingPongDiffusionGradientMatchesCentralDifferences() {
    double[] u0 = new double[24];
    for (int i = 0; i < u0.length; i++) {
      u0[i] = Math.sin(0.4 * i) + 0.1 * i;
    }
    double kappa = 0.21;
    int steps = 40;
    IntegratorsGrad.DiffuseGradient g = IntegratorsGrad.diffuse(u0, kappa, steps);
    assertEquals(Integrators.diffuse(u0, kappa, steps), g.value());
    assertClose(
        centralDifference(p -> Integrators.diffuse(u0, p, steps), kappa), g.kappa(), "kappa");
    double[] expected = new double[u0.length];
    for (int i = 0; i < u0.length; i++) {
      int at = i;
      expected[i] =
          centralDifference(
              p -> {
                double[] shifted = u0.clone();
                shifted[at] = p;
                return Integrators.diffuse(shifted, kappa, steps);
              },
              u0[i]);
    }
    assertArrayEquals(expected, g.u0(), 1e-6 * 50);
  }
}
