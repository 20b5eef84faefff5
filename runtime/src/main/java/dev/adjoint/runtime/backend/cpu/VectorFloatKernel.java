package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel for float: an 8 x (2 vectors) block of C held in 16 vector registers,
 * updated by one fused multiply-add per register for each step along k. Rows are the broadcast side
 * (one element of packed A each), columns the vector side (two vectors of packed B).
 *
 * <p>Loaded only when {@code jdk.incubator.vector} is present; see {@link Gemm}.
 */
final class VectorFloatKernel extends FloatKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int NR = 2 * L;
  // eight floats, one row of a packed A panel; null where vectors are narrower than 256 bits
  private static final VectorSpecies<Float> A8 =
      S.vectorBitSize() >= 256 ? FloatVector.SPECIES_256 : null;

  VectorFloatKernel() {
    super(8, NR);
  }

  @Override
  void multiply(
      int kc,
      float[] ap,
      int apOff,
      float[] bp,
      int bpOff,
      float[] c,
      int cOff,
      int ldc,
      boolean store) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S);
    FloatVector c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S);
    FloatVector c71 = FloatVector.zero(S);
    for (int p = 0; p < kc; p++) {
      int bi = bpOff + p * NR;
      int ai = apOff + p * 8;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a;
      a = FloatVector.broadcast(S, ap[ai + 0]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, ap[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, ap[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
      a = FloatVector.broadcast(S, ap[ai + 6]);
      c60 = a.fma(b0, c60);
      c61 = a.fma(b1, c61);
      a = FloatVector.broadcast(S, ap[ai + 7]);
      c70 = a.fma(b0, c70);
      c71 = a.fma(b1, c71);
    }
    if (store) {
      c00.intoArray(c, cOff);
      c01.intoArray(c, cOff + L);
      c10.intoArray(c, cOff + ldc);
      c11.intoArray(c, cOff + ldc + L);
      c20.intoArray(c, cOff + 2 * ldc);
      c21.intoArray(c, cOff + 2 * ldc + L);
      c30.intoArray(c, cOff + 3 * ldc);
      c31.intoArray(c, cOff + 3 * ldc + L);
      c40.intoArray(c, cOff + 4 * ldc);
      c41.intoArray(c, cOff + 4 * ldc + L);
      c50.intoArray(c, cOff + 5 * ldc);
      c51.intoArray(c, cOff + 5 * ldc + L);
      c60.intoArray(c, cOff + 6 * ldc);
      c61.intoArray(c, cOff + 6 * ldc + L);
      c70.intoArray(c, cOff + 7 * ldc);
      c71.intoArray(c, cOff + 7 * ldc + L);
      return;
    }
    FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
    FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
    FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
    FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
    FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20).intoArray(c, cOff + 2 * ldc);
    FloatVector.fromArray(S, c, cOff + 2 * ldc + L).add(c21).intoArray(c, cOff + 2 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30).intoArray(c, cOff + 3 * ldc);
    FloatVector.fromArray(S, c, cOff + 3 * ldc + L).add(c31).intoArray(c, cOff + 3 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40).intoArray(c, cOff + 4 * ldc);
    FloatVector.fromArray(S, c, cOff + 4 * ldc + L).add(c41).intoArray(c, cOff + 4 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50).intoArray(c, cOff + 5 * ldc);
    FloatVector.fromArray(S, c, cOff + 5 * ldc + L).add(c51).intoArray(c, cOff + 5 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c60).intoArray(c, cOff + 6 * ldc);
    FloatVector.fromArray(S, c, cOff + 6 * ldc + L).add(c61).intoArray(c, cOff + 6 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c70).intoArray(c, cOff + 7 * ldc);
    FloatVector.fromArray(S, c, cOff + 7 * ldc + L).add(c71).intoArray(c, cOff + 7 * ldc + L);
  }

  @Override
  void multiplyRows(
      int kc,
      float[] a,
      int aOff,
      int lda,
      float[] bp,
      int bpOff,
      float[] c,
      int cOff,
      int ldc,
      boolean store) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S);
    FloatVector c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S);
    FloatVector c71 = FloatVector.zero(S);
    // the eight rows of A, read in place (see FloatKernel.multiplyRows)
    int a0 = aOff;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
    int a6 = a5 + lda;
    int a7 = a6 + lda;
    for (int p = 0; p < kc; p++) {
      int bi = bpOff + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector v;
      v = FloatVector.broadcast(S, a[a0 + p]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(S, a[a1 + p]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(S, a[a2 + p]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(S, a[a3 + p]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(S, a[a4 + p]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(S, a[a5 + p]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
      v = FloatVector.broadcast(S, a[a6 + p]);
      c60 = v.fma(b0, c60);
      c61 = v.fma(b1, c61);
      v = FloatVector.broadcast(S, a[a7 + p]);
      c70 = v.fma(b0, c70);
      c71 = v.fma(b1, c71);
    }
    if (store) {
      c00.intoArray(c, cOff);
      c01.intoArray(c, cOff + L);
      c10.intoArray(c, cOff + ldc);
      c11.intoArray(c, cOff + ldc + L);
      c20.intoArray(c, cOff + 2 * ldc);
      c21.intoArray(c, cOff + 2 * ldc + L);
      c30.intoArray(c, cOff + 3 * ldc);
      c31.intoArray(c, cOff + 3 * ldc + L);
      c40.intoArray(c, cOff + 4 * ldc);
      c41.intoArray(c, cOff + 4 * ldc + L);
      c50.intoArray(c, cOff + 5 * ldc);
      c51.intoArray(c, cOff + 5 * ldc + L);
      c60.intoArray(c, cOff + 6 * ldc);
      c61.intoArray(c, cOff + 6 * ldc + L);
      c70.intoArray(c, cOff + 7 * ldc);
      c71.intoArray(c, cOff + 7 * ldc + L);
      return;
    }
    FloatVector.fromArray(S, c, cOff).add(c00).intoArray(c, cOff);
    FloatVector.fromArray(S, c, cOff + L).add(c01).intoArray(c, cOff + L);
    FloatVector.fromArray(S, c, cOff + ldc).add(c10).intoArray(c, cOff + ldc);
    FloatVector.fromArray(S, c, cOff + ldc + L).add(c11).intoArray(c, cOff + ldc + L);
    FloatVector.fromArray(S, c, cOff + 2 * ldc).add(c20).intoArray(c, cOff + 2 * ldc);
    FloatVector.fromArray(S, c, cOff + 2 * ldc + L).add(c21).intoArray(c, cOff + 2 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 3 * ldc).add(c30).intoArray(c, cOff + 3 * ldc);
    FloatVector.fromArray(S, c, cOff + 3 * ldc + L).add(c31).intoArray(c, cOff + 3 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 4 * ldc).add(c40).intoArray(c, cOff + 4 * ldc);
    FloatVector.fromArray(S, c, cOff + 4 * ldc + L).add(c41).intoArray(c, cOff + 4 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 5 * ldc).add(c50).intoArray(c, cOff + 5 * ldc);
    FloatVector.fromArray(S, c, cOff + 5 * ldc + L).add(c51).intoArray(c, cOff + 5 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 6 * ldc).add(c60).intoArray(c, cOff + 6 * ldc);
    FloatVector.fromArray(S, c, cOff + 6 * ldc + L).add(c61).intoArray(c, cOff + 6 * ldc + L);
    FloatVector.fromArray(S, c, cOff + 7 * ldc).add(c70).intoArray(c, cOff + 7 * ldc);
    FloatVector.fromArray(S, c, cOff + 7 * ldc + L).add(c71).intoArray(c, cOff + 7 * ldc + L);
  }

  @Override
  void packATransposed(float[] a, int src, int lda, int kc, float alpha, float[] pa, int dst) {
    if (A8 == null) {
      super.packATransposed(a, src, lda, kc, alpha, pa, dst);
      return;
    }
    // a panel row is eight consecutive elements of a row of the stored A: one 256-bit copy
    for (int p = 0; p < kc; p++) {
      FloatVector.fromArray(A8, a, src + p * lda).mul(alpha).intoArray(pa, dst + p * 8);
    }
  }

  @Override
  void dotRows(
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    // one row of A against four rows of B at a time: one load of A feeds four fused
    // multiply-adds; B's few rows stay in L1 for every row of A
    int kv = S.loopBound(k);
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int row = cOff + i * ldc;
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        int b0 = bOff + j * ldb;
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
          FloatVector x = FloatVector.fromArray(S, a, ai + p);
          s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
          s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
          s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
          s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        float d0 = sum(s0);
        float d1 = sum(s1);
        float d2 = sum(s2);
        float d3 = sum(s3);
        for (int p = kv; p < k; p++) {
          float x = a[ai + p];
          d0 += x * b[b0 + p];
          d1 += x * b[b1 + p];
          d2 += x * b[b2 + p];
          d3 += x * b[b3 + p];
        }
        store(c, row + j, alpha * d0, beta);
        store(c, row + j + 1, alpha * d1, beta);
        store(c, row + j + 2, alpha * d2, beta);
        store(c, row + j + 3, alpha * d3, beta);
      }
      for (; j < n; j++) {
        int bj = bOff + j * ldb;
        FloatVector s0 = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
          s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bj + p), s0);
        }
        float d = sum(s0);
        for (int p = kv; p < k; p++) {
          d += a[ai + p] * b[bj + p];
        }
        store(c, row + j, alpha * d, beta);
      }
    }
  }

  /** The lanes' sum in a fixed order ({@link LaneSums}). */
  private static float sum(FloatVector v) {
    return LaneSums.sum(v);
  }

  private static void store(float[] c, int index, float v, float beta) {
    c[index] = beta == 0f ? v : v + beta * c[index];
  }

  @Override
  void addTransposed(
      float[] t,
      int ldt,
      int rows,
      int cols,
      float alpha,
      float beta,
      float[] c,
      int cOff,
      int ldc,
      int[] map) {
    // each row of C gathers two vectors from a column of t, then the scalar tail
    int full = cols / NR * NR;
    for (int i = 0; i < rows; i++) {
      int row = cOff + i * ldc;
      for (int j = 0; j < full; j += NR) {
        int src = j * ldt + i;
        FloatVector v0 = FloatVector.fromArray(S, t, src, map, 0).mul(alpha);
        FloatVector v1 = FloatVector.fromArray(S, t, src, map, L).mul(alpha);
        if (beta != 0f) {
          v0 = v0.add(FloatVector.fromArray(S, c, row + j).mul(beta));
          v1 = v1.add(FloatVector.fromArray(S, c, row + j + L).mul(beta));
        }
        v0.intoArray(c, row + j);
        v1.intoArray(c, row + j + L);
      }
      for (int j = full; j < cols; j++) {
        float v = alpha * t[j * ldt + i];
        c[row + j] = beta == 0f ? v : v + beta * c[row + j];
      }
    }
  }

  @Override
  void packTransposed(float[] b, int src, int ld, int kc, float[] pb, int dst, int[] map) {
    // two gathers per step along k, one per vector of the panel's row
    int second = src + L * ld;
    for (int p = 0; p < kc; p++) {
      int d = dst + p * NR;
      FloatVector.fromArray(S, b, src + p, map, 0).intoArray(pb, d);
      FloatVector.fromArray(S, b, second + p, map, 0).intoArray(pb, d + L);
    }
  }
}
