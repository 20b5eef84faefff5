package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a float vector's lanes, folded in halves in a fixed order: lane i plus lane i + L/2,
 * then the same on the first half, down to one lane. Not {@code reduceLanes(ADD)}: its order of
 * additions is left open and differs between the interpreter and compiled code, so which calls of a
 * training step ran compiled (a matter of timing) would change the last bits of its sums, and a
 * step would not repeat to the bit.
 *
 * <p>The lanes are read with constant indices and added as scalars. An earlier form folded with
 * {@code rearrange} by shuffles kept in an array, which C2 does not take for constants; in some
 * JVMs the dot products that call it ({@link VectorFloatKernel#dotRows}, a 512-channel
 * convolution's forward product at 2 × 2 pixels) then ran about four times slower for the whole
 * run, partly in the Vector API's Java fallbacks (bench/README.md, the R6 step against the 0.6×
 * line).
 */
final class LaneSums {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private LaneSums() {}

  /** Σ of the lanes of {@code v} (of the preferred species), always in the same order. */
  static float sum(FloatVector v) {
    if (L == 16) {
      return fold8(
          v.lane(0) + v.lane(8),
          v.lane(1) + v.lane(9),
          v.lane(2) + v.lane(10),
          v.lane(3) + v.lane(11),
          v.lane(4) + v.lane(12),
          v.lane(5) + v.lane(13),
          v.lane(6) + v.lane(14),
          v.lane(7) + v.lane(15));
    }
    if (L == 8) {
      return fold8(
          v.lane(0), v.lane(1), v.lane(2), v.lane(3), v.lane(4), v.lane(5), v.lane(6), v.lane(7));
    }
    if (L == 4) {
      return fold4(v.lane(0), v.lane(1), v.lane(2), v.lane(3));
    }
    return foldArray(v.toArray());
  }

  private static float fold8(
      float x0, float x1, float x2, float x3, float x4, float x5, float x6, float x7) {
    return fold4(x0 + x4, x1 + x5, x2 + x6, x3 + x7);
  }

  private static float fold4(float x0, float x1, float x2, float x3) {
    return (x0 + x2) + (x1 + x3);
  }

  // any other power-of-two width, the same halving order
  private static float foldArray(float[] x) {
    for (int half = x.length / 2; half >= 1; half /= 2) {
      for (int i = 0; i < half; i++) {
        x[i] += x[i + half];
      }
    }
    return x[0];
  }
}
