package dev.adjoint.runtime.backend.cpu;

/**
 * {@code C = A·B} for an A of at most {@link #MAX_ROWS} rows, B read in place by rows: the input
 * gradient of a convolution with few output pixels ({@code dXᵀ = Gᵀ·W}, 4 rows at 2 × 2), where the
 * blocked GEMM would copy all of B (the weight, megabytes) into panels to use it for a handful of
 * rows, and pad those rows to its 8. Here each strip of B's columns is read once, straight from the
 * array, and multiplied into all rows of C held in registers. Float32; split over {@link
 * GemmThreads} by columns when large.
 */
final class ThinProduct {
  /**
   * The most rows of A: each group of four reads B's strip again, from cache, which stays cheaper
   * than packing B while the rows are this few.
   */
  static final int MAX_ROWS = 64;

  interface Kernel {
    /** Columns {@code [from, to)} of C; A's element (i, p) at {@code aOff + i·ars + p·acs}. */
    void run(
        int m,
        int k,
        float[] a,
        int aOff,
        int ars,
        int acs,
        float[] b,
        int bOff,
        int ldb,
        float[] c,
        int cOff,
        int ldc,
        int from,
        int to);
  }

  static final Kernel KERNEL = kernel();

  private static final Job JOB = new Job();

  private ThinProduct() {}

  private static Kernel kernel() {
    try {
      if (VectorSupport.ENABLED) {
        return new VectorThinProduct();
      }
    } catch (LinkageError e) {
      // no jdk.incubator.vector: the plain loops below
    }
    return ThinProduct::scalar;
  }

  /**
   * {@code C = A·B} (C overwritten), A m × k with element (i, p) at {@code aOff + i·ars + p·acs}, B
   * k × n row-major with row stride ldb, C m × n row-major with row stride ldc; {@code m ≤
   * MAX_ROWS}.
   */
  static void multiply(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int ars,
      int acs,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc) {
    if (m > MAX_ROWS) {
      throw new IllegalArgumentException("ThinProduct: " + m + " rows, at most " + MAX_ROWS);
    }
    if ((long) m * n * k >= Gemm.PARALLEL_MACS && GemmThreads.limit() > 1) {
      // the same parts whether the threads are free or not (see Gemm.parts())
      boolean parallel = GemmThreads.tryAcquire();
      Job job = parallel ? JOB : new Job();
      try {
        job.set(m, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc);
        Gemm.runParts(job, parallel);
      } finally {
        job.clear();
        if (parallel) {
          GemmThreads.release();
        }
      }
      return;
    }
    KERNEL.run(m, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, 0, n);
  }

  private static void scalar(
      int m,
      int k,
      float[] a,
      int aOff,
      int ars,
      int acs,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc,
      int from,
      int to) {
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(c, cOff + i * ldc + from, cOff + i * ldc + to, 0f);
    }
    for (int p = 0; p < k; p++) {
      int row = bOff + p * ldb;
      for (int i = 0; i < m; i++) {
        float x = a[aOff + i * ars + p * acs];
        int ci = cOff + i * ldc;
        for (int j = from; j < to; j++) {
          c[ci + j] += x * b[row + j];
        }
      }
    }
  }

  /** One product split by columns, in whole strips of 64. */
  private static final class Job implements GemmThreads.Parts {
    private int m;
    private int n;
    private int k;
    private float[] a;
    private int aOff;
    private int ars;
    private int acs;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] c;
    private int cOff;
    private int ldc;

    void set(
        int m,
        int n,
        int k,
        float[] a,
        int aOff,
        int ars,
        int acs,
        float[] b,
        int bOff,
        int ldb,
        float[] c,
        int cOff,
        int ldc) {
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOff = aOff;
      this.ars = ars;
      this.acs = acs;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
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
      int from = Gemm.partStart(n, 64, part, parts);
      int to = Gemm.partStart(n, 64, part + 1, parts);
      if (from < to) {
        KERNEL.run(m, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc, from, to);
      }
    }
  }
}
