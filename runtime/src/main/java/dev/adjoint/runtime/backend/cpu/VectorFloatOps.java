package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.Relation;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** Vector API versions of {@link FloatOpsKernels}: full vectors, then a scalar tail. */
final class VectorFloatOps extends FloatOpsKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  // floats as many as D has lanes, in half D's width: the float side of a float <-> double cast
  private static final VectorSpecies<Float> H =
      VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));

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
    float s = LaneSums.sum(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      s += x[xOff + i];
    }
    return s;
  }

  @Override
  void select(
      boolean[] c,
      int cOff,
      float[] x,
      int xOff,
      float[] y,
      int yOff,
      float[] out,
      int outOff,
      int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> m = VectorMask.fromArray(S, c, cOff + i);
      FloatVector.fromArray(S, y, yOff + i)
          .blend(FloatVector.fromArray(S, x, xOff + i), m)
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = c[cOff + i] ? x[xOff + i] : y[yOff + i];
    }
  }

  @Override
  void select(
      boolean[] c, int cOff, float[] x, int xOff, float otherwise, float[] out, int outOff, int n) {
    FloatVector other = FloatVector.broadcast(S, otherwise);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> m = VectorMask.fromArray(S, c, cOff + i);
      other.blend(FloatVector.fromArray(S, x, xOff + i), m).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = c[cOff + i] ? x[xOff + i] : otherwise;
    }
  }

  @Override
  void compare(Relation rel, float[] x, int xOff, float w, boolean[] out, int outOff, int n) {
    VectorOperators.Comparison op =
        switch (rel) {
          case GREATER -> VectorOperators.GT;
          case GREATER_OR_EQUAL -> VectorOperators.GE;
          case EQUAL -> VectorOperators.EQ;
        };
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i).compare(op, w).intoArray(out, outOff + i);
    }
    super.compare(rel, x, xOff + i, w, out, outOff + i, n - i);
  }

  @Override
  void addScaled(float[] d, int dOff, float[] s, int sOff, double alpha, int n) {
    if (H.length() != D.length()) {
      super.addScaled(d, dOff, s, sOff, alpha, n);
      return;
    }
    int lanes = D.length();
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += lanes) {
      DoubleVector dv =
          (DoubleVector)
              FloatVector.fromArray(H, d, dOff + i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector sv =
          (DoubleVector)
              FloatVector.fromArray(H, s, sOff + i).convertShape(VectorOperators.F2D, D, 0);
      // multiply, then add: two roundings in double, as the scalar loop does (no fused add)
      FloatVector sum = (FloatVector) dv.add(sv.mul(alpha)).convertShape(VectorOperators.D2F, H, 0);
      sum.intoArray(d, dOff + i);
    }
    for (; i < n; i++) {
      d[dOff + i] = (float) (d[dOff + i] + alpha * s[sOff + i]);
    }
  }

  @Override
  void reluPositiveZero(float[] x, int xOff, float[] out, int outOff, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xOff + i);
      // v <= 0 is false for NaN, true for -0: those lanes become +0, NaN passes through
      v.blend(zero, v.compare(VectorOperators.LE, 0f)).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = Math.max(x[xOff + i], 0f);
    }
  }

  @Override
  void keepWherePositive(float[] y, int yOff, float[] g, int gOff, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      // y > 0 is false for NaN and ±0: those lanes become +0
      VectorMask<Float> positive =
          FloatVector.fromArray(S, y, yOff + i).compare(VectorOperators.GT, 0f);
      zero.blend(FloatVector.fromArray(S, g, gOff + i), positive).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = y[yOff + i] > 0f ? g[gOff + i] : 0f;
    }
  }

  @Override
  void momentumStep(
      float[] p,
      int pOff,
      float[] g,
      int gOff,
      float[] b,
      int bOff,
      double momentum,
      double keep,
      double step,
      int n) {
    if (H.length() != D.length()) {
      super.momentumStep(p, pOff, g, gOff, b, bOff, momentum, keep, step, n);
      return;
    }
    int lanes = D.length();
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += lanes) {
      // the scalar loop's roundings, lane by lane: b·μ to float, then (that + g·keep) to float,
      // then (p + v·step) to float; every product and sum in double, none fused
      FloatVector scaled = toFloat(toDouble(b, bOff + i).mul(momentum));
      FloatVector v = toFloat(widen(scaled).add(toDouble(g, gOff + i).mul(keep)));
      v.intoArray(b, bOff + i);
      toFloat(toDouble(p, pOff + i).add(widen(v).mul(step))).intoArray(p, pOff + i);
    }
    super.momentumStep(p, pOff + i, g, gOff + i, b, bOff + i, momentum, keep, step, n - i);
  }

  private static DoubleVector toDouble(float[] x, int at) {
    return widen(FloatVector.fromArray(H, x, at));
  }

  private static DoubleVector widen(FloatVector x) {
    return (DoubleVector) x.convertShape(VectorOperators.F2D, D, 0);
  }

  private static FloatVector toFloat(DoubleVector x) {
    return (FloatVector) x.convertShape(VectorOperators.D2F, H, 0);
  }
}
