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

  VectorFloatKernel() {
    super(8, NR);
  }

  @Override
  void multiply(
      int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc) {
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
    addRow(c00, c01, c, cOff);
    addRow(c10, c11, c, cOff + ldc);
    addRow(c20, c21, c, cOff + 2 * ldc);
    addRow(c30, c31, c, cOff + 3 * ldc);
    addRow(c40, c41, c, cOff + 4 * ldc);
    addRow(c50, c51, c, cOff + 5 * ldc);
    addRow(c60, c61, c, cOff + 6 * ldc);
    addRow(c70, c71, c, cOff + 7 * ldc);
  }

  private static void addRow(FloatVector v0, FloatVector v1, float[] c, int off) {
    FloatVector.fromArray(S, c, off).add(v0).intoArray(c, off);
    FloatVector.fromArray(S, c, off + L).add(v1).intoArray(c, off + L);
  }
}
