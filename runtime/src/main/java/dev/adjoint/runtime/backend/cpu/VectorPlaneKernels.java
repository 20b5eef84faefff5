package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector API versions of {@link PlaneKernels}: full vectors, then a scalar tail. */
final class VectorPlaneKernels extends PlaneKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  double squaredDeviations(float[] x, int off, int n, float mean) {
    FloatVector m = FloatVector.broadcast(S, mean);
    FloatVector s = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
      s = d.fma(d, s);
    }
    double sum = LaneSums.sum(s);
    for (; i < n; i++) {
      float d = x[off + i] - mean;
      sum += d * d;
    }
    return sum;
  }

  @Override
  void affine(
      float[] x, int xOff, int n, float mean, float scale, float shift, float[] y, int yOff) {
    FloatVector m = FloatVector.broadcast(S, mean);
    FloatVector a = FloatVector.broadcast(S, scale);
    FloatVector b = FloatVector.broadcast(S, shift);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xOff + i).sub(m).fma(a, b).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = Math.fma(x[xOff + i] - mean, scale, shift);
    }
  }

  @Override
  void gradientSums(float[] g, int gOff, float[] x, int xOff, int n, float mean, double[] sums) {
    FloatVector m = FloatVector.broadcast(S, mean);
    FloatVector sg = FloatVector.zero(S);
    FloatVector sgx = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector gv = FloatVector.fromArray(S, g, gOff + i);
      sg = sg.add(gv);
      sgx = gv.fma(FloatVector.fromArray(S, x, xOff + i).sub(m), sgx);
    }
    double a = LaneSums.sum(sg);
    double b = LaneSums.sum(sgx);
    for (; i < n; i++) {
      float gv = g[gOff + i];
      a += gv;
      b += gv * (x[xOff + i] - mean);
    }
    sums[0] += a;
    sums[1] += b;
  }

  @Override
  void centredCombine(
      float[] g,
      int gOff,
      float[] x,
      int xOff,
      int n,
      float mean,
      float k,
      float meanG,
      float scale,
      float[] out,
      int outOff) {
    FloatVector vm = FloatVector.broadcast(S, mean);
    FloatVector vk = FloatVector.broadcast(S, k);
    FloatVector vg = FloatVector.broadcast(S, meanG);
    FloatVector vs = FloatVector.broadcast(S, scale);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector d = FloatVector.fromArray(S, x, xOff + i).sub(vm).mul(vk);
      FloatVector.fromArray(S, g, gOff + i).sub(vg).sub(d).mul(vs).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float d = (x[xOff + i] - mean) * k;
      out[outOff + i] = (g[gOff + i] - meanG - d) * scale;
    }
  }
}
