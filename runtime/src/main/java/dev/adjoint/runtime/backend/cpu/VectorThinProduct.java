package dev.adjoint.runtime.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ThinProduct}'s Vector API kernel: four rows of C times a strip of four vectors of columns
 * in 16 registers, one load of each of B's four vectors per step along k feeding four fused
 * multiply-adds each. A group of fewer than four rows repeats its last one (computed, not stored).
 */
final class VectorThinProduct implements ThinProduct.Kernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public void run(
      int m,
      int k,
      float[] a,
      int aOff,
      int ars,
      int acs,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc,
      int from,
      int to) {
    // strips of columns outside, groups of four rows inside: a strip of B (k × 4 vectors) is read
    // from memory once and from cache for the other groups
    int j = from;
    for (; j + 4 * L <= to; j += 4 * L) {
      for (int i0 = 0; i0 < m; i0 += 4) {
        int rows = Math.min(4, m - i0);
        strip(
            rows,
            k,
            a,
            row(aOff, ars, i0, rows, 0),
            row(aOff, ars, i0, rows, 1),
            row(aOff, ars, i0, rows, 2),
            row(aOff, ars, i0, rows, 3),
            acs,
            b,
            bOff + j,
            ldb,
            c,
            cOff + i0 * ldc + j,
            ldc);
      }
    }
    for (; j < to; j += L) {
      VectorMask<Float> mask = S.indexInRange(j, to);
      for (int i0 = 0; i0 < m; i0 += 4) {
        int rows = Math.min(4, m - i0);
        column(
            rows,
            k,
            a,
            row(aOff, ars, i0, rows, 0),
            row(aOff, ars, i0, rows, 1),
            row(aOff, ars, i0, rows, 2),
            row(aOff, ars, i0, rows, 3),
            acs,
            b,
            bOff + j,
            ldb,
            c,
            cOff + i0 * ldc + j,
            ldc,
            mask);
      }
    }
  }

  // where row r of the group at i0 starts in A; rows past the group's end repeat its last row
  private static int row(int aOff, int ars, int i0, int rows, int r) {
    return aOff + (i0 + Math.min(r, rows - 1)) * ars;
  }

  private static void strip(
      int rows,
      int k,
      float[] a,
      int a0,
      int a1,
      int a2,
      int a3,
      int acs,
      float[] b,
      int bAt,
      int ldb,
      float[] c,
      int cAt,
      int ldc) {
    FloatVector s00 = FloatVector.zero(S);
    FloatVector s01 = FloatVector.zero(S);
    FloatVector s02 = FloatVector.zero(S);
    FloatVector s03 = FloatVector.zero(S);
    FloatVector s10 = FloatVector.zero(S);
    FloatVector s11 = FloatVector.zero(S);
    FloatVector s12 = FloatVector.zero(S);
    FloatVector s13 = FloatVector.zero(S);
    FloatVector s20 = FloatVector.zero(S);
    FloatVector s21 = FloatVector.zero(S);
    FloatVector s22 = FloatVector.zero(S);
    FloatVector s23 = FloatVector.zero(S);
    FloatVector s30 = FloatVector.zero(S);
    FloatVector s31 = FloatVector.zero(S);
    FloatVector s32 = FloatVector.zero(S);
    FloatVector s33 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int row = bAt + p * ldb;
      FloatVector b0 = FloatVector.fromArray(S, b, row);
      FloatVector b1 = FloatVector.fromArray(S, b, row + L);
      FloatVector b2 = FloatVector.fromArray(S, b, row + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, row + 3 * L);
      int ap = p * acs;
      FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      s03 = x.fma(b3, s03);
      x = FloatVector.broadcast(S, a[a1 + ap]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      s13 = x.fma(b3, s13);
      x = FloatVector.broadcast(S, a[a2 + ap]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      s23 = x.fma(b3, s23);
      x = FloatVector.broadcast(S, a[a3 + ap]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
      s33 = x.fma(b3, s33);
    }
    store(c, cAt, s00, s01, s02, s03);
    if (rows > 1) {
      store(c, cAt + ldc, s10, s11, s12, s13);
    }
    if (rows > 2) {
      store(c, cAt + 2 * ldc, s20, s21, s22, s23);
    }
    if (rows > 3) {
      store(c, cAt + 3 * ldc, s30, s31, s32, s33);
    }
  }

  private static void store(
      float[] c, int at, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
    v0.intoArray(c, at);
    v1.intoArray(c, at + L);
    v2.intoArray(c, at + 2 * L);
    v3.intoArray(c, at + 3 * L);
  }

  // one vector of columns (masked at the end of the row)
  private static void column(
      int rows,
      int k,
      float[] a,
      int a0,
      int a1,
      int a2,
      int a3,
      int acs,
      float[] b,
      int bAt,
      int ldb,
      float[] c,
      int cAt,
      int ldc,
      VectorMask<Float> mask) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      FloatVector v = FloatVector.fromArray(S, b, bAt + p * ldb, mask);
      int ap = p * acs;
      s0 = FloatVector.broadcast(S, a[a0 + ap]).fma(v, s0);
      s1 = FloatVector.broadcast(S, a[a1 + ap]).fma(v, s1);
      s2 = FloatVector.broadcast(S, a[a2 + ap]).fma(v, s2);
      s3 = FloatVector.broadcast(S, a[a3 + ap]).fma(v, s3);
    }
    s0.intoArray(c, cAt, mask);
    if (rows > 1) {
      s1.intoArray(c, cAt + ldc, mask);
    }
    if (rows > 2) {
      s2.intoArray(c, cAt + 2 * ldc, mask);
    }
    if (rows > 3) {
      s3.intoArray(c, cAt + 3 * ldc, mask);
    }
  }
}
