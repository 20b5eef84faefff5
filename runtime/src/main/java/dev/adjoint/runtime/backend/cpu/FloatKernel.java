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
   * As {@link #multiply}, but A's {@code mr} rows are read where they are stored, row-major and
   * unscaled: {@code sum_p a[aOff + r*lda + p] * bp[bpOff + p*nr + j]}. A by rows would otherwise
   * have to be transposed into its panel element by element; reading the rows as {@code mr}
   * parallel streams costs the kernel nothing (it loads one element of A per row and step either
   * way), so the driver skips packing A when alpha is 1.
   */
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
    for (int r = 0; r < mr; r++) {
      int row = cOff + r * ldc;
      int ar = aOff + r * lda;
      for (int j = 0; j < nr; j++) {
        float s = 0f;
        for (int p = 0; p < kc; p++) {
          s += a[ar + p] * bp[bpOff + p * nr + j];
        }
        c[row + j] = store ? s : c[row + j] + s;
      }
    }
  }

  /**
   * Packs a full panel of a transposed A (stored k x m): {@code pa[dst + p*mr + r] = alpha * a[src
   * + p*lda + r]} for {@code p < kc}, {@code r < mr}.
   */
  void packATransposed(float[] a, int src, int lda, int kc, float alpha, float[] pa, int dst) {
    for (int p = 0; p < kc; p++) {
      int s = src + p * lda;
      int d = dst + p * mr;
      for (int r = 0; r < mr; r++) {
        pa[d + r] = alpha * a[s + r];
      }
    }
  }

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

  /**
   * {@code c[cOff + i*ldc + j] = alpha * sum_p a[aOff + i*lda + p] * b[bOff + j*ldb + p] + beta *
   * c[cOff + i*ldc + j]} for {@code i < m}, {@code j < n}: {@code A·Bᵀ} as dot products of rows,
   * for a thin C (see {@link FloatGemm#THIN_COLUMNS}); with beta 0, C is not read.
   */
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
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s += a[aOff + i * lda + p] * b[bOff + j * ldb + p];
        }
        int ci = cOff + i * ldc + j;
        float v = alpha * s;
        c[ci] = beta == 0f ? v : v + beta * c[ci];
      }
    }
  }

  /**
   * Writes a transposed block into C: {@code c[cOff + i*ldc + j] = alpha * t[j*ldt + i] + beta *
   * c[cOff + i*ldc + j]} for {@code i < rows}, {@code j < cols}; with beta 0, C is not read. {@code
   * map} holds {@code j*ldt} for {@code j < nr} (see {@link #gatherMap}).
   */
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
    for (int i = 0; i < rows; i++) {
      int row = cOff + i * ldc;
      for (int j = 0; j < cols; j++) {
        float v = alpha * t[j * ldt + i];
        c[row + j] = beta == 0f ? v : v + beta * c[row + j];
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
