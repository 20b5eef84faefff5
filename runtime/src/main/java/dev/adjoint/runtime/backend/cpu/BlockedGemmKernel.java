package dev.adjoint.runtime.backend.cpu;

/**
 * Matmul through the blocked, vectorised {@link Gemm}. An operand laid out by rows or by columns (a
 * transposed view) maps onto {@link Gemm}'s {@code lda} and transpose flags without a copy; any
 * other layout (a broadcast view with a zero stride) is first gathered into a dense copy.
 */
public final class BlockedGemmKernel implements GemmKernel {
  /** The one instance; the kernel has no state of its own. */
  public static final BlockedGemmKernel INSTANCE = new BlockedGemmKernel();

  private BlockedGemmKernel() {}

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
    // a layout the GEMM cannot address (a broadcast view's zero stride, as the gradient of a sum
    // has) is gathered into a dense copy: m·k or k·n moves, where the product does m·n·k
    if (Layout.of(m, k, aRowStride, aColStride) == null) {
      a = dense(a, aOffset, m, k, aRowStride, aColStride);
      aOffset = 0;
      aRowStride = Math.max(1, k);
      aColStride = 1;
    }
    if (Layout.of(k, n, bRowStride, bColStride) == null) {
      b = dense(b, bOffset, k, n, bRowStride, bColStride);
      bOffset = 0;
      bRowStride = Math.max(1, n);
      bColStride = 1;
    }
    Layout la = Layout.of(m, k, aRowStride, aColStride);
    Layout lb = Layout.of(k, n, bRowStride, bColStride);
    Gemm.sgemm(
        la.transposed,
        lb.transposed,
        m,
        n,
        k,
        1f,
        a,
        aOffset,
        la.leading,
        b,
        bOffset,
        lb.leading,
        0f,
        c,
        cOffset,
        ldc);
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
    // a layout the GEMM cannot address (a broadcast view's zero stride, as the gradient of a sum
    // has) is gathered into a dense copy: m·k or k·n moves, where the product does m·n·k
    if (Layout.of(m, k, aRowStride, aColStride) == null) {
      a = dense(a, aOffset, m, k, aRowStride, aColStride);
      aOffset = 0;
      aRowStride = Math.max(1, k);
      aColStride = 1;
    }
    if (Layout.of(k, n, bRowStride, bColStride) == null) {
      b = dense(b, bOffset, k, n, bRowStride, bColStride);
      bOffset = 0;
      bRowStride = Math.max(1, n);
      bColStride = 1;
    }
    Layout la = Layout.of(m, k, aRowStride, aColStride);
    Layout lb = Layout.of(k, n, bRowStride, bColStride);
    Gemm.dgemm(
        la.transposed,
        lb.transposed,
        m,
        n,
        k,
        1.0,
        a,
        aOffset,
        la.leading,
        b,
        bOffset,
        lb.leading,
        0.0,
        c,
        cOffset,
        ldc);
  }

  private static float[] dense(float[] x, int off, int rows, int cols, int rs, int cs) {
    float[] out = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = x[off + i * rs + j * cs];
      }
    }
    return out;
  }

  private static double[] dense(double[] x, int off, int rows, int cols, int rs, int cs) {
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = x[off + i * rs + j * cs];
      }
    }
    return out;
  }

  /**
   * A rows × cols operand as BLAS sees it: stored by rows with a leading dimension, or by columns
   * (the row-major transpose).
   */
  private record Layout(boolean transposed, int leading) {
    static Layout of(int rows, int cols, int rowStride, int colStride) {
      if (colStride == 1 && rowStride >= Math.max(1, cols)) {
        return new Layout(false, rowStride);
      }
      if (rowStride == 1 && colStride >= Math.max(1, rows)) {
        return new Layout(true, colStride);
      }
      if (rows <= 1 && colStride == 1) {
        return new Layout(false, Math.max(1, cols));
      }
      if (cols <= 1 && rowStride == 1) {
        return new Layout(true, Math.max(1, rows));
      }
      return null;
    }
  }
}
