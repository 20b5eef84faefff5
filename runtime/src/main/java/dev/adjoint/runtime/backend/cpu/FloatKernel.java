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
   * {@code r < mr}, {@code j < nr}; with {@code store}, {@code =} instead of {@code +=} (C is not
   * read).
   */
  abstract void multiply(
      int kc,
      float[] ap,
      int apOff,
      float[] bp,
      int bpOff,
      float[] c,
      int cOff,
      int ldc,
      boolean store);

  /**
   * Packs a full panel of a transposed operand: {@code pb[dst + p*nr + j] = b[src + j*ld + p]} for
   * {@code p < kc}, {@code j < nr}. {@code map} holds {@code j*ld} for {@code j < nr} (see {@link
   * #gatherMap}).
   */
  void packTransposed(float[] b, int src, int ld, int kc, float[] pb, int dst, int[] map) {
    for (int p = 0; p < kc; p++) {
      int d = dst + p * nr;
      for (int j = 0; j < nr; j++) {
        pb[d + j] = b[src + map[j] + p];
      }
    }
  }

  /** The offsets {@code j*ld}, {@code j < nr}, that {@link #packTransposed} reads at. */
  int[] gatherMap(int[] map, int ld) {
    int[] m = map != null && map.length == nr ? map : new int[nr];
    for (int j = 0; j < nr; j++) {
      m[j] = j * ld;
    }
    return m;
  }
}
