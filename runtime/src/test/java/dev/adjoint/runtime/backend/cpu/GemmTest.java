package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every GEMM path (vector and scalar kernels, single- and multi-threaded, tiny-product loops)
 * against a naive triple loop in double precision, over odd shapes, empty and unit dimensions,
 * every transpose combination, alpha/beta, offsets and padded leading dimensions.
 */
class GemmTest {
  private static final int[] SIZES = {0, 1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 32, 33, 47, 64, 65};
  private static final float[] ALPHAS = {1f, -0.5f, 0f, 2.25f};
  private static final float[] BETAS = {0f, 1f, -1.5f};

  /** One random problem: shapes, flags, scalars, padded storage, and the expected C. */
  private static final class Case {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final double alpha;
    final double beta;
    final int aOff;
    final int lda;
    final int bOff;
    final int ldb;
    final int cOff;
    final int ldc;
    final double[] a;
    final double[] b;
    final double[] c;

    Case(
        Random rnd,
        int m,
        int n,
        int k,
        boolean transA,
        boolean transB,
        double alpha,
        double beta) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.alpha = alpha;
      this.beta = beta;
      int aRows = transA ? k : m;
      int aCols = transA ? m : k;
      int bRows = transB ? n : k;
      int bCols = transB ? k : n;
      aOff = rnd.nextInt(4);
      lda = Math.max(1, aCols + rnd.nextInt(3));
      bOff = rnd.nextInt(4);
      ldb = Math.max(1, bCols + rnd.nextInt(3));
      cOff = rnd.nextInt(4);
      ldc = Math.max(1, n + rnd.nextInt(3));
      a = random(rnd, aOff + aRows * lda + 2);
      b = random(rnd, bOff + bRows * ldb + 2);
      c = random(rnd, cOff + m * ldc + 2);
    }

    double aAt(int i, int p) {
      return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double bAt(int p, int j) {
      return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    String describe() {
      return String.format(
          "m=%d n=%d k=%d transA=%b transB=%b alpha=%s beta=%s offs=%d,%d,%d ld=%d,%d,%d",
          m, n, k, transA, transB, alpha, beta, aOff, bOff, cOff, lda, ldb, ldc);
    }

    /** Checks the result: inside C against the naive loop, outside C untouched. */
    void verify(double[] got, double relTol) {
      for (int idx = 0; idx < c.length; idx++) {
        int rel = idx - cOff;
        int i = rel >= 0 ? rel / ldc : -1;
        int j = rel >= 0 ? rel % ldc : -1;
        if (i < 0 || i >= m || j >= n) {
          if (Double.doubleToLongBits(got[idx]) != Double.doubleToLongBits(c[idx])) {
            fail("element " + idx + " outside C changed; " + describe());
          }
          continue;
        }
        double sum = 0;
        double mag = 0;
        for (int p = 0; p < k; p++) {
          sum += aAt(i, p) * bAt(p, j);
          mag += Math.abs(aAt(i, p) * bAt(p, j));
        }
        double want = alpha * sum + (beta == 0 ? 0 : beta * c[idx]);
        double tol = relTol * (k + 2) * (Math.abs(alpha) * mag + Math.abs(beta * c[idx]) + 1);
        if (!(Math.abs(got[idx] - want) <= tol)) {
          fail("C[" + i + "," + j + "] = " + got[idx] + ", want " + want + "; " + describe());
        }
      }
    }
  }

  private static double[] random(Random rnd, int len) {
    double[] x = new double[len];
    for (int i = 0; i < len; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }

  private static float[] toFloat(double[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) x[i];
    }
    return y;
  }

  private static double[] toDouble(float[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i];
    }
    return y;
  }

  /** How a test runs a float product: through the public entry or one kernel directly. */
  private interface FloatPath {
    void run(Case t, float[] a, float[] b, float[] c);
  }

  private interface DoublePath {
    void run(Case t, double[] a, double[] b, double[] c);
  }

  private static FloatPath floatKernel(FloatKernel kernel) {
    return (t, a, b, c) ->
        FloatGemm.gemm(
            kernel,
            new FloatGemmWorkspace(),
            t.transA,
            t.transB,
            t.m,
            t.n,
            t.k,
            (float) t.alpha,
            a,
            t.aOff,
            t.lda,
            b,
            t.bOff,
            t.ldb,
            (float) t.beta,
            c,
            t.cOff,
            t.ldc);
  }

  private static DoublePath doubleKernel(DoubleKernel kernel) {
    return (t, a, b, c) ->
        DoubleGemm.gemm(
            kernel,
            new DoubleGemm.Workspace(),
            t.transA,
            t.transB,
            t.m,
            t.n,
            t.k,
            t.alpha,
            a,
            t.aOff,
            t.lda,
            b,
            t.bOff,
            t.ldb,
            t.beta,
            c,
            t.cOff,
            t.ldc);
  }

  private static final FloatPath PUBLIC_FLOAT =
      (t, a, b, c) ->
          Gemm.sgemm(
              t.transA,
              t.transB,
              t.m,
              t.n,
              t.k,
              (float) t.alpha,
              a,
              t.aOff,
              t.lda,
              b,
              t.bOff,
              t.ldb,
              (float) t.beta,
              c,
              t.cOff,
              t.ldc);

  private static final DoublePath PUBLIC_DOUBLE =
      (t, a, b, c) ->
          Gemm.dgemm(
              t.transA, t.transB, t.m, t.n, t.k, t.alpha, a, t.aOff, t.lda, b, t.bOff, t.ldb,
              t.beta, c, t.cOff, t.ldc);

  private static void checkFloat(Case t, FloatPath path) {
    float[] c = toFloat(t.c);
    path.run(t, toFloat(t.a), toFloat(t.b), c);
    t.verify(toDouble(c), 2e-7);
  }

  private static void checkDouble(Case t, DoublePath path) {
    double[] c = t.c.clone();
    path.run(t, t.a, t.b, c);
    t.verify(c, 1e-15);
  }

  /** Random problems over the size grid; each transpose combination and scalar pair appears. */
  private static void randomCases(long seed, int count, java.util.function.Consumer<Case> check) {
    Random rnd = new Random(seed);
    for (int i = 0; i < count; i++) {
      Case t =
          new Case(
              rnd,
              SIZES[rnd.nextInt(SIZES.length)],
              SIZES[rnd.nextInt(SIZES.length)],
              SIZES[rnd.nextInt(SIZES.length)],
              (i & 1) != 0,
              (i & 2) != 0,
              ALPHAS[(i >> 2) % ALPHAS.length],
              BETAS[(i / 3) % BETAS.length]);
      check.accept(t);
    }
  }

  @Test
  void publicSgemmMatchesNaiveLoop() {
    GemmThreads.endSolo(); // parallel products are what this tests
    randomCases(1, 600, t -> checkFloat(t, PUBLIC_FLOAT));
  }

  @Test
  void publicDgemmMatchesNaiveLoop() {
    GemmThreads.endSolo(); // parallel products are what this tests
    randomCases(2, 600, t -> checkDouble(t, PUBLIC_DOUBLE));
  }

  @Test
  void scalarKernelsMatchNaiveLoop() {
    randomCases(3, 300, t -> checkFloat(t, floatKernel(new ScalarFloatKernel())));
    randomCases(4, 300, t -> checkDouble(t, doubleKernel(new ScalarDoubleKernel())));
  }

  @Test
  void vectorKernelsMatchNaiveLoop() {
    assertTrue(Gemm.vectorized(), "tests run with jdk.incubator.vector; the kernels should use it");
    randomCases(5, 300, t -> checkFloat(t, floatKernel(new VectorFloatKernel())));
    randomCases(6, 300, t -> checkDouble(t, doubleKernel(new VectorDoubleKernel())));
  }

  /** Crosses the KC, MC and NC block edges and the multi-threaded split (rows and columns). */
  @Test
  void blockEdgesAndThreadedSplit() {
    GemmThreads.endSolo(); // parallel products are what this tests
    Random rnd = new Random(7);
    int[][] shapes = {
      {130, 70, 300}, // k spans two KC slices
      {530, 9, 20}, // m spans two MC blocks
      {9, 530, 20}, // n spans two NC blocks
      {150, 140, 130}, // above PARALLEL_MACS: split by rows
      {61, 200, 190}, // above PARALLEL_MACS: split by columns, odd rows
    };
    int i = 0;
    for (int[] s : shapes) {
      for (int flags = 0; flags < 4; flags++) {
        Case t =
            new Case(rnd, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, 1.5, i % 2 - 0.5);
        checkFloat(t, PUBLIC_FLOAT);
        checkDouble(t, PUBLIC_DOUBLE);
        checkFloat(t, floatKernel(new ScalarFloatKernel()));
        i++;
      }
    }
  }

  /**
   * The MLP step's products and shapes around them: the swapped path ({@code A·Bᵀ} with fewer rows
   * than columns, over one and several blocks of B's rows, and just above {@link
   * FloatGemm#SWAP_MAX_ROWS}), A's rows read in place with a partial last panel, thin outputs (n =
   * 10, 1, 16 as dot products of rows; 17 past that), and k split into equal slices (784, 300),
   * through every path.
   */
  @Test
  void linearLayerShapes() {
    GemmThreads.endSolo(); // parallel products are what this tests
    Random rnd = new Random(9);
    int[][] shapes = {
      {64, 512, 784}, // x·W1ᵀ
      {64, 10, 512}, // h·W2ᵀ: thin output
      {64, 512, 10}, // the hidden layer's gradient
      {10, 512, 64}, // W2's gradient
      {61, 530, 37}, // swapped over two blocks of B's rows, odd rows
      {1, 600, 300},
      {257, 300, 20}, // just above SWAP_MAX_ROWS
      {13, 1, 100}, // thin: dot products with a tail of k
      {7, 16, 64}, // thin at its limits: 16 columns, k of 64
      {9, 17, 70}, // one column too many for the thin path
    };
    float[][] scalars = {{1f, 0f}, {-0.5f, 1f}, {1f, -1.5f}, {2.25f, 0f}};
    int i = 0;
    for (int[] s : shapes) {
      for (int flags = 0; flags < 4; flags++) {
        float[] ab = scalars[i++ % scalars.length];
        Case t = new Case(rnd, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, ab[0], ab[1]);
        checkFloat(t, PUBLIC_FLOAT);
        checkFloat(t, floatKernel(new VectorFloatKernel()));
        checkFloat(t, floatKernel(new ScalarFloatKernel()));
      }
    }
    // W1's gradient, k = 64 deep, on the blocked path only (the other paths are covered above)
    Case t = new Case(rnd, 512, 784, 64, true, false, 1, 0);
    checkFloat(t, PUBLIC_FLOAT);
  }

  @Test
  void threadLimitIsHonouredAndChecked() {
    int before = Gemm.threads();
    try {
      Gemm.setThreads(1);
      assertEquals(1, Gemm.threads());
      Case t = new Case(new Random(8), 150, 140, 130, false, true, 1, 0);
      checkFloat(t, PUBLIC_FLOAT);
      Gemm.setThreads(1000);
      assertEquals(GemmThreads.PARALLELISM, Gemm.threads());
      checkDouble(t, PUBLIC_DOUBLE);
      assertThrows(IllegalArgumentException.class, () -> Gemm.setThreads(0));
    } finally {
      Gemm.setThreads(before);
    }
  }

  @Test
  void betaZeroOverwritesNaN() {
    float[] a = {1, 2, 3, 4};
    float[] b = {5, 6, 7, 8};
    float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
    assertEquals(19f, c[0]);
    assertEquals(22f, c[1]);
    assertEquals(43f, c[2]);
    assertEquals(50f, c[3]);
    double[] cd = new double[200 * 200];
    java.util.Arrays.fill(cd, Double.NaN);
    double[] ad = new double[200 * 200];
    java.util.Arrays.fill(ad, 1);
    Gemm.dgemm(true, true, 200, 200, 200, 1, ad, 0, 200, ad, 0, 200, 0, cd, 0, 200);
    for (double v : cd) {
      assertEquals(200.0, v);
    }
  }

  /** As in BLAS, alpha = 0 means A·B is not computed: infinities in A or B do not reach C. */
  @Test
  void alphaZeroDoesNotReadTheProductOnAnyPath() {
    // {m, n, k} with A·Bᵀ: thin (dot products), swapped, blocked
    int[][] shapes = {{16, 10, 64}, {3, 40, 64}, {40, 40, 64}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] a = new float[m * k];
      float[] b = new float[n * k];
      java.util.Arrays.fill(a, Float.POSITIVE_INFINITY);
      java.util.Arrays.fill(b, 0f);
      float[] c = new float[m * n];
      java.util.Arrays.fill(c, 2f);
      Gemm.sgemm(false, true, m, n, k, 0f, a, 0, k, b, 0, k, 0.5f, c, 0, n);
      for (float v : c) {
        assertEquals(1f, v, "m=" + m + " n=" + n);
      }
    }
  }

  @Test
  void kZeroScalesC() {
    float[] c = {1, 2, 3};
    Gemm.sgemm(false, false, 1, 3, 0, 1f, new float[0], 0, 1, new float[0], 0, 3, 2f, c, 0, 3);
    assertEquals(2f, c[0]);
    assertEquals(6f, c[2]);
  }

  @Test
  void rejectsBadArguments() {
    float[] x = new float[6];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gemm.sgemm(false, false, 2, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, x, 1, 3));
    assertTrue(e.getMessage().contains("C (2 x 3, ld 3, offset 1)"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Gemm.sgemm(false, false, 2, 3, 2, 1f, x, 0, 1, x, 0, 3, 0f, x, 0, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> Gemm.sgemm(false, false, -1, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, x, 0, 3));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Gemm.dgemm(
                true,
                false,
                2,
                2,
                2,
                1,
                new double[3],
                0,
                2,
                new double[4],
                0,
                2,
                0,
                new double[4],
                0,
                2));
  }
}
