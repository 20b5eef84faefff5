package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneSums#sum} adds in the halving order, bit for bit: against the same fold written with
 * the Vector API ({@code v + v.rearrange(i → i + half)}, lane 0 at the end), on lanes of mixed
 * signs and magnitudes (2⁻²⁰ to 2²⁰), where another order changes the last bits.
 */
class LaneSumsTest {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Test
  void foldsInHalvesLikeTheShuffleFold() {
    assertTrue(VectorSupport.ENABLED, "the tests run with jdk.incubator.vector");
    Random r = new Random(21);
    int l = S.length();
    int differentFromLeftToRight = 0;
    for (int trial = 0; trial < 2000; trial++) {
      float[] x = new float[l];
      for (int i = 0; i < l; i++) {
        x[i] = (float) ((r.nextDouble() * 2 - 1) * Math.scalb(1.0, r.nextInt(41) - 20));
      }
      FloatVector v = FloatVector.fromArray(S, x, 0);
      float want = shuffleFold(v);
      assertEquals(
          Float.floatToIntBits(want), Float.floatToIntBits(LaneSums.sum(v)), "trial " + trial);
      float sequential = 0f;
      for (float e : x) {
        sequential += e;
      }
      if (sequential != want) {
        differentFromLeftToRight++;
      }
    }
    // the inputs tell the orders apart: many sums differ from the left-to-right one
    assertTrue(differentFromLeftToRight > 100, "only " + differentFromLeftToRight + " differ");
  }

  private static float shuffleFold(FloatVector v) {
    int l = S.length();
    for (int half = l / 2; half >= 1; half /= 2) {
      int h = half;
      v = v.add(v.rearrange(VectorShuffle.fromOp(S, i -> (i + h) % l)));
    }
    return v.lane(0);
  }
}
