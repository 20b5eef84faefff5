package dev.adjoint.runtime.backend.cpu;

/**
 * Matmul through the blocked, vectorised {@link Gemm}. An operand laid out by rows or by columns (a
 * transposed view) maps onto {@link Gemm}'s {@code lda} and transpose flags without a copy; any
 * other layout (a broadcast view with a zero stride) goes to the reference loops.
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
    Layout la = Layout.of(m, k, aRowStride, aColStride);
    Layout lb = Layout.of(k, n, bRowStride, bColStride);
    if (la == null || lb == null) {
      ReferenceGemm.INSTANCE.sgemm(
          m,
          n,
          k,
          a,
          aOffset,
          aRowStride,
          aColStride,
          b,
          bOffset,
          bRowStride,
          bColStride,
          c,
          cOffset,
          ldc);
      return;
    }
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
    Layout la = Layout.of(m, k, aRowStride, aColStride);
    Layout lb = Layout.of(k, n, bRowStride, bColStride);
    if (la == null || lb == null) {
      ReferenceGemm.INSTANCE.dgemm(
          m,
          n,
          k,
          a,
          aOffset,
          aRowStride,
          aColStride,
          b,
          bOffset,
          bRowStride,
          bColStride,
          c,
          cOffset,
          ldc);
      return;
    }
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
