package dev.adjoint.runtime.backend.cpu;

/** The reusable description of one parallel double product. */
final class DoubleGemmJob implements GemmThreads.Parts {
  boolean transA;
  boolean transB;
  int m;
  int n;
  int k;
  double alpha;
  double beta;
  double[] a;
  double[] b;
  double[] c;
  int aOff;
  int bOff;
  int cOff;
  int lda;
  int ldb;
  int ldc;

  void set(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double beta,
      double[] c,
      int cOff,
      int ldc) {
    this.transA = transA;
    this.transB = transB;
    this.m = m;
    this.n = n;
    this.k = k;
    this.alpha = alpha;
    this.a = a;
    this.aOff = aOff;
    this.lda = lda;
    this.b = b;
    this.bOff = bOff;
    this.ldb = ldb;
    this.beta = beta;
    this.c = c;
    this.cOff = cOff;
    this.ldc = ldc;
  }

  void clear() {
    a = null;
    b = null;
    c = null;
  }

  @Override
  public void run(int part, int parts) {
    DoubleKernel kernel = Gemm.DOUBLE_KERNEL;
    if (m >= n) {
      int lo = Gemm.partStart(m, kernel.mr, part, parts);
      int rows = Gemm.partStart(m, kernel.mr, part + 1, parts) - lo;
      if (rows == 0) {
        return;
      }
      int aStart = aOff + (transA ? lo : lo * lda);
      DoubleGemm.gemm(
          kernel,
          DoubleGemm.workspace(),
          transA,
          transB,
          rows,
          n,
          k,
          alpha,
          a,
          aStart,
          lda,
          b,
          bOff,
          ldb,
          beta,
          c,
          cOff + lo * ldc,
          ldc);
    } else {
      int lo = Gemm.partStart(n, kernel.nr, part, parts);
      int cols = Gemm.partStart(n, kernel.nr, part + 1, parts) - lo;
      if (cols == 0) {
        return;
      }
      int bStart = bOff + (transB ? lo * ldb : lo);
      DoubleGemm.gemm(
          kernel,
          DoubleGemm.workspace(),
          transA,
          transB,
          m,
          cols,
          k,
          alpha,
          a,
          aOff,
          lda,
          b,
          bStart,
          ldb,
          beta,
          c,
          cOff + lo,
          ldc);
    }
  }
}
