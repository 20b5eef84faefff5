package dev.adjoint.runtime.backend.cpu;

/**
 * General matrix multiply {@code C = A·B} on heap arrays, the one place matmul's arithmetic
 * happens, so that a fast (blocked, vectorised) kernel can replace the reference one with {@link
 * CpuBackend#useGemm}. Each operand is given by its array, the index of element (0, 0), and its row
 * and column strides, so transposed views need no copy. C is written, not accumulated into,
 * row-major with row stride {@code ldc}.
 */
public interface GemmKernel {
  void sgemm(
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
      int ldc);

  void dgemm(
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
      int ldc);
}
