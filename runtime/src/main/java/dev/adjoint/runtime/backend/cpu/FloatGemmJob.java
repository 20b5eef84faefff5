package dev.adjoint.runtime.backend.cpu;

/** The reusable description of one parallel float product (owned while the threads are held). */
final class FloatGemmJob implements GemmThreads.Parts {
  boolean transA;
  boolean transB;
  int m;
  int n;
  int k;
  float alpha;
  float beta;
  float[] a;
  float[] b;
  float[] c;
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
    FloatKernel kernel = Gemm.FLOAT_KERNEL;
    // by rows when C is tall, else by columns; a swapped product (FloatGemm.swapped) by rows in
    // whole panels of its packed side, so that no part gathers A's rows twice
    boolean swapped = FloatGemm.swaps(transA, transB, m, n, k, alpha);
    if (m >= n || swapped) {
      int unit = swapped ? kernel.nr : kernel.mr;
      int lo = Gemm.partStart(m, unit, part, parts);
      int rows = Gemm.partStart(m, unit, part + 1, parts) - lo;
      if (rows == 0) {
        return;
      }
      int aStart = aOff + (transA ? lo : lo * lda);
      FloatGemm.gemm(
          kernel,
          FloatGemmWorkspace.get(),
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
      FloatGemm.gemm(
          kernel,
          FloatGemmWorkspace.get(),
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
