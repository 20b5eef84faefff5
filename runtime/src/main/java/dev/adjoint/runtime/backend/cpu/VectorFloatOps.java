package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API versions of {@link FloatOpsKernels}: full vectors, then a scalar tail. */
final class VectorFloatOps extends FloatOpsKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, aOff + i)
          .add(FloatVector.fromArray(S, b, bOff + i))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = a[aOff + i] + b[bOff + i];
    }
  }

  @Override
  void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, aOff + i)
          .mul(FloatVector.fromArray(S, b, bOff + i))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = a[aOff + i] * b[bOff + i];
    }
  }

  @Override
  void exp(float[] x, int xOff, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i)
          .lanewise(VectorOperators.EXP)
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = (float) Math.exp(x[xOff + i]);
    }
  }

  @Override
  void relu(float[] x, int xOff, float[] out, int outOff, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      // Zero only lanes below 0, so NaN lanes (lt is false for NaN) pass through as NaN.
      v.blend(zero, v.lt(0f)).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float v = x[xOff + i];
      out[outOff + i] = v < 0f ? 0f : v;
    }
  }

  @Override
  float sum(float[] x, int xOff, int n) {
    // Four independent accumulators hide the add latency.
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int i = 0;
    for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
      s0 = s0.add(FloatVector.fromArray(S, x, xOff + i));
      s1 = s1.add(FloatVector.fromArray(S, x, xOff + i + L));
      s2 = s2.add(FloatVector.fromArray(S, x, xOff + i + 2 * L));
      s3 = s3.add(FloatVector.fromArray(S, x, xOff + i + 3 * L));
    }
    for (int bound = S.loopBound(n); i < bound; i += L) {
      s0 = s0.add(FloatVector.fromArray(S, x, xOff + i));
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += x[xOff + i];
    }
    return s;
  }
}
