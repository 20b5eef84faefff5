package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StridedRows} with the Vector API: the even lanes of two consecutive vectors, picked by one
 * rearrange (lane sources 0, 2, 4, ...; those past the first vector come from the second).
 */
final class VectorStridedRows extends StridedRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorShuffle<Float> EVENS = evens();

  private static VectorShuffle<Float> evens() {
    int[] source = new int[L];
    for (int i = 0; i < L; i++) {
      source[i] = 2 * i;
    }
    return VectorShuffle.fromValues(S, source);
  }

  @Override
  void everyOther(float[] x, int src, float[] out, int dst, int count) {
    int t = 0;
    // both vectors must lie inside x: the second ends at src + 2t + 2L
    for (; t + L <= count && src + 2 * (t + L) <= x.length; t += L) {
      FloatVector v0 = FloatVector.fromArray(S, x, src + 2 * t);
      FloatVector v1 = FloatVector.fromArray(S, x, src + 2 * t + L);
      v0.rearrange(EVENS, v1).intoArray(out, dst + t);
    }
    for (; t < count; t++) {
      out[dst + t] = x[src + 2 * t];
    }
  }
}
