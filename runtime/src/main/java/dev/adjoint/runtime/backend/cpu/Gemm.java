package dev.adjoint.runtime.backend.cpu;

/**
 * General matrix multiply on heap arrays, BLAS-style: {@code C = alpha * op(A) * op(B) + beta * C}
 * with row-major storage, {@code op(X)} being X or its transpose, op(A) m x k, op(B) k x n, C m x
 * n. Element (i, j) of a row-major matrix X lives at {@code x[xOffset + i*ldx + j]}.
 *
 * <p>Blocked and packed (see {@link FloatGemm}), with Vector API micro-kernels where {@code
 * jdk.incubator.vector} is available (run with {@code --add-modules jdk.incubator.vector}) and a
 * plain-Java kernel otherwise. Large products are split over a small fixed set of threads ({@link
 * GemmThreads}); small ones run on the calling thread. After warm-up a call allocates nothing.
 *
 * <p>As in BLAS, when {@code beta == 0} C is not read, so NaNs in it do not survive.
 */
public final class Gemm {
  /** Products with fewer multiply-adds than this run on the calling thread only. */
  static final long PARALLEL_MACS = 1L << 21;

  /**
   * Parts a parallel product is cut into per thread. More than one, so that when a helper thread is
   * late (its core busy with other work) the caller can take over the parts it has not claimed (see
   * {@link GemmThreads}); few, since each part packs its share of the other operand again.
   */
  static final int PARTS_PER_THREAD =
      Math.max(1, Integer.getInteger("adjoint.cpu.partsPerThread", 2));

  static final FloatKernel FLOAT_KERNEL;
  static final DoubleKernel DOUBLE_KERNEL;

  static {
    FloatKernel fk;
    DoubleKernel dk;
    try {
      if (!VectorSupport.ENABLED) {
        throw new UnsupportedOperationException("no Vector API (see VectorSupport)");
      }
      fk = new VectorFloatKernel();
      dk = new VectorDoubleKernel();
    } catch (LinkageError | UnsupportedOperationException e) {
      // No jdk.incubator.vector module in this JVM (or disabled): plain Java.
      fk = new ScalarFloatKernel();
      dk = new ScalarDoubleKernel();
    }
    FLOAT_KERNEL = fk;
    DOUBLE_KERNEL = dk;
  }

  private static final FloatGemmJob FLOAT_JOB = new FloatGemmJob();
  private static final DoubleGemmJob DOUBLE_JOB = new DoubleGemmJob();

  private Gemm() {}

  /**
   * Sets how many threads one product may use, the caller included, capped at {@code
   * adjoint.cpu.threads} (default: the available processors). 1 makes every call single-threaded.
   */
  public static void setThreads(int threads) {
    GemmThreads.setLimit(threads);
  }

  /** How many threads one product may use, the caller included. */
  public static int threads() {
    return GemmThreads.limit();
  }

  /** Whether the Vector API kernels are in use (false: the plain-Java fallback). */
  public static boolean vectorized() {
    return FLOAT_KERNEL instanceof VectorFloatKernel;
  }

  /**
   * Single precision: {@code C = alpha * op(A) * op(B) + beta * C}, row-major.
   *
   * @param transA use A transposed: A is stored k x m
   * @param transB use B transposed: B is stored n x k
   * @throws IllegalArgumentException on a negative size, a leading dimension smaller than a stored
   *     row, or a matrix that does not fit its array at its offset
   */
  public static void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOffset,
      int lda,
      float[] b,
      int bOffset,
      int ldb,
      float beta,
      float[] c,
      int cOffset,
      int ldc) {
    checkSizes(m, n, k);
    check("A", transA ? k : m, transA ? m : k, a.length, aOffset, lda);
    check("B", transB ? n : k, transB ? k : n, b.length, bOffset, ldb);
    check("C", m, n, c.length, cOffset, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if ((long) m * n * k >= PARALLEL_MACS && GemmThreads.limit() > 1) {
      // the same parts whether the threads are free or not, so the same bits (see parts())
      boolean parallel = GemmThreads.tryAcquire();
      FloatGemmJob job = parallel ? FLOAT_JOB : new FloatGemmJob();
      try {
        job.set(
            transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
            ldc);
        runParts(job, parallel);
      } finally {
        job.clear();
        if (parallel) {
          GemmThreads.release();
        }
      }
      return;
    }
    FloatGemm.gemm(
        FLOAT_KERNEL,
        FloatGemmWorkspace.get(),
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a,
        aOffset,
        lda,
        b,
        bOffset,
        ldb,
        beta,
        c,
        cOffset,
        ldc);
  }

  /** Double precision; see {@link #sgemm}. */
  public static void dgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset,
      int ldc) {
    checkSizes(m, n, k);
    check("A", transA ? k : m, transA ? m : k, a.length, aOffset, lda);
    check("B", transB ? n : k, transB ? k : n, b.length, bOffset, ldb);
    check("C", m, n, c.length, cOffset, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if ((long) m * n * k >= PARALLEL_MACS && GemmThreads.limit() > 1) {
      // the same parts whether the threads are free or not, so the same bits (see parts())
      boolean parallel = GemmThreads.tryAcquire();
      DoubleGemmJob job = parallel ? DOUBLE_JOB : new DoubleGemmJob();
      try {
        job.set(
            transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
            ldc);
        runParts(job, parallel);
      } finally {
        job.clear();
        if (parallel) {
          GemmThreads.release();
        }
      }
      return;
    }
    DoubleGemm.gemm(
        DOUBLE_KERNEL,
        DoubleGemm.workspace(),
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a,
        aOffset,
        lda,
        b,
        bOffset,
        ldb,
        beta,
        c,
        cOffset,
        ldc);
  }

  /**
   * The parts a large product is cut into: a function of the thread count only. A part may take
   * another path through the driver than the whole product would (fewer rows can make it a swapped
   * or thin product, with another order of additions), so a product that found the threads busy, or
   * ran alone while helpers were starved ({@link GemmThreads}), still runs these same parts, one
   * after the other on the caller: the result never depends on scheduling.
   */
  static int parts() {
    return GemmThreads.limit() * PARTS_PER_THREAD;
  }

  /** Runs every part of {@code job}: on the threads when held, else in order on the caller. */
  static void runParts(GemmThreads.Parts job, boolean parallel) {
    int parts = parts();
    if (parallel) {
      GemmThreads.run(job, parts);
    } else {
      for (int part = 0; part < parts; part++) {
        job.run(part, parts);
      }
    }
  }

  private static void checkSizes(int m, int n, int k) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "GEMM sizes must be non-negative, got m=" + m + ", n=" + n + ", k=" + k);
    }
  }

  /** A stored rows x cols matrix at offset with leading dimension ld must fit in length. */
  private static void check(String name, int rows, int cols, int length, int offset, int ld) {
    if (ld < Math.max(1, cols)) {
      throw new IllegalArgumentException(
          "ld"
              + name.toLowerCase()
              + "="
              + ld
              + " is smaller than the "
              + cols
              + " columns of stored "
              + name);
    }
    if (offset < 0) {
      throw new IllegalArgumentException(name + " offset " + offset + " is negative");
    }
    if (rows > 0 && cols > 0 && offset + (long) (rows - 1) * ld + cols > length) {
      throw new IllegalArgumentException(
          name
              + " ("
              + rows
              + " x "
              + cols
              + ", ld "
              + ld
              + ", offset "
              + offset
              + ") does not fit its array of length "
              + length);
    }
  }

  /**
   * Where part {@code part} of {@code parts} starts when {@code size} rows or columns are dealt out
   * in whole {@code unit}s (the kernel's tile side), as evenly as whole units allow; {@code part ==
   * parts} gives the end.
   */
  static int partStart(int size, int unit, int part, int parts) {
    long units = (size + (long) unit - 1) / unit;
    return (int) Math.min(size, units * part / parts * unit);
  }
}
