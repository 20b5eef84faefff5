package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a float vector's lanes, folded in halves in a fixed order. Not {@code
 * reduceLanes(ADD)}: its order of additions is left open and differs between the interpreter and
 * compiled code, so which calls of a training step ran compiled (a matter of timing) would change
 * the last bits of its sums, and a step would not repeat to the bit.
 */
final class LaneSums {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  // lane i + half for every half of the vector
  private static final VectorShuffle<Float>[] FOLDS = folds();

  private LaneSums() {}

  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[] folds() {
    int steps = Integer.numberOfTrailingZeros(L);
    VectorShuffle<Float>[] f = new VectorShuffle[steps];
    for (int s = 0, half = L / 2; s < steps; s++, half /= 2) {
      int h = half;
      f[s] = VectorShuffle.fromOp(S, i -> (i + h) % L);
    }
    return f;
  }

  /** Σ of the lanes of {@code v} (of the preferred species), always in the same order. */
  static float sum(FloatVector v) {
    for (VectorShuffle<Float> f : FOLDS) {
      v = v.add(v.rearrange(f));
    }
    return v.lane(0);
  }
}
