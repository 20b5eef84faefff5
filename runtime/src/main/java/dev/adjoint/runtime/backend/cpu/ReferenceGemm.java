package dev.adjoint.runtime.backend.cpu;

/**
 * The textbook triple loop: each {@code C[i][j]} is one dot product. Slow and obviously right; the
 * oracle every faster {@link GemmKernel} is tested against. {@code float32} products are summed in
 * {@code float}, as BLAS does.
 */
public final class ReferenceGemm implements GemmKernel {
  public static final ReferenceGemm INSTANCE = new ReferenceGemm();

  private ReferenceGemm() {}

  @Override
  public void sgemm(
      int m,
      int n,
      int k,
      float[] a,
      int aOffset,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOffset,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOffset,
      int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0;
        int ai = aOffset + i * aRowStride;
        int bj = bOffset + j * bColStride;
        for (int p = 0; p < k; p++) {
          sum += a[ai + p * aColStride] * b[bj + p * bRowStride];
        }
        c[cOffset + i * ldc + j] = sum;
      }
    }
  }

  @Override
  public void dgemm(
      int m,
      int n,
      int k,
      double[] a,
      int aOffset,
      int aRowStride,
      int aColStride,
      double[] b,
      int bOffset,
      int bRowStride,
      int bColStride,
      double[] c,
      int cOffset,
      int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        int ai = aOffset + i * aRowStride;
        int bj = bOffset + j * bColStride;
        for (int p = 0; p < k; p++) {
          sum += a[ai + p * aColStride] * b[bj + p * bRowStride];
        }
        c[cOffset + i * ldc + j] = sum;
      }
    }
  }
}
