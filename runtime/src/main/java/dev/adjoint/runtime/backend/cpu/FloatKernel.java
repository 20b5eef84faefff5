package dev.adjoint.runtime.backend.cpu;

/**
 * A float32 GEMM micro-kernel: multiplies a packed {@code mr x kc} panel of A by a packed {@code kc
 * x nr} panel of B and adds the {@code mr x nr} product into C.
 *
 * <p>Packed layouts (written by {@link FloatGemm}): the A panel holds, for each {@code p < kc}, the
 * {@code mr} values of column {@code p} (already scaled by alpha); the B panel holds, for each
 * {@code p < kc}, the {@code nr} values of row {@code p}. Both are zero-padded to full size, so a
 * kernel never needs to look at the problem's edges.
 */
abstract class FloatKernel {
  /** Rows of C one call produces (the broadcast side). */
  final int mr;

  /** Columns of C one call produces (the vector side). */
  final int nr;

  FloatKernel(int mr, int nr) {
    this.mr = mr;
    this.nr = nr;
  }

  /**
   * {@code c[cOff + r*ldc + j] += sum_p ap[apOff + p*mr + r] * bp[bpOff + p*nr + j]} for every
   * {@code r < mr}, {@code j < nr}.
   */
  abstract void multiply(
      int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc);
}
