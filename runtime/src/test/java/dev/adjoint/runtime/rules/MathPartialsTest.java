package dev.adjoint.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The partials of the {@code Math} functions that are not elementwise primitives, against central
 * differences of the functions themselves away from their kinks, and PyTorch's values at them.
 */
class MathPartialsTest {
  private static final double H = 1e-6;

  private static double central(DoubleUnaryOperator f, double at) {
    return (f.applyAsDouble(at + H) - f.applyAsDouble(at - H)) / (2 * H);
  }

  @Test
  void copySignAgainstCentralDifferences() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      double m = 4 * random.nextDouble() - 2;
      double s = 4 * random.nextDouble() - 2;
      if (Math.abs(m) < 1e-3 || Math.abs(s) < 1e-3) {
        continue; // the kinks
      }
      assertEquals(
          central(x -> Math.copySign(x, s), m), MathPartials.copySignDmagnitude(m, s), 1e-8);
      assertEquals(central(y -> Math.copySign(m, y), s), MathPartials.copySignDsign(m, s), 1e-8);
      assertEquals(
          (float) MathPartials.copySignDmagnitude(m, s),
          MathPartials.copySignDmagnitude((float) m, (float) s));
    }
    // at m = 0 the symmetric difference of |m|·sign(s) is 0, as PyTorch's copysign gradient
    assertEquals(0.0, MathPartials.copySignDmagnitude(0.0, -3.0), 0.0); // -0.0 or 0.0
    assertEquals(0.0, central(x -> Math.copySign(x, -3.0), 0.0));
  }

  @Test
  void clampAgainstCentralDifferences() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      double v = 6 * random.nextDouble() - 3;
      double lo = -1 - random.nextDouble();
      double hi = 1 + random.nextDouble();
      if (Math.abs(v - lo) < 1e-3 || Math.abs(v - hi) < 1e-3) {
        continue; // the kinks
      }
      assertEquals(
          central(x -> Math.clamp(x, lo, hi), v), MathPartials.clampDvalue(v, lo, hi), 1e-8);
      assertEquals(central(x -> Math.clamp(v, x, hi), lo), MathPartials.clampDmin(v, lo, hi), 1e-8);
      assertEquals(central(x -> Math.clamp(v, lo, x), hi), MathPartials.clampDmax(v, lo, hi), 1e-8);
      float fv = (float) v;
      float flo = (float) lo;
      float fhi = (float) hi;
      assertEquals(
          MathPartials.clampDvalue(fv, flo, fhi)
              + MathPartials.clampDmin(fv, flo, fhi)
              + MathPartials.clampDmax(fv, flo, fhi),
          1f); // exactly one of the three is the result
    }
    // at an end the value keeps the gradient, as PyTorch's clamp: (v >= lo) & (v <= hi)
    assertEquals(1.0, MathPartials.clampDvalue(-1.0, -1.0, 1.0));
    assertEquals(0.0, MathPartials.clampDmin(-1.0, -1.0, 1.0));
    assertEquals(1.0, MathPartials.clampDvalue(1.0, -1.0, 1.0));
    assertEquals(0.0, MathPartials.clampDmax(1.0, -1.0, 1.0));
  }
}
