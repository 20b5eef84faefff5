package dev.adjoint.runtime.backend.cpu;

import java.util.Arrays;

/**
 * The single-threaded float32 GEMM driver: {@code C = alpha*op(A)*op(B) + beta*C}, row-major.
 *
 * <p>Blocked as in GotoBLAS/BLIS, with the roles of A and B swapped because C is row-major and
 * vectors run along its rows: for each {@link #KC}-deep slice of k, a block of up to {@link #MC}
 * rows of A is packed (scaled by alpha) into {@code mr}-row panels; for each {@link #NC}-wide block
 * of columns a slice of B is packed into {@code nr}-column panels (sized for the L2 cache); then
 * every {@code mr x nr} tile of C is updated by the micro-kernel, the A panel staying in L1 while B
 * panels stream from L2. Edge tiles go through a zeroed scratch tile, so kernels only see full
 * tiles. A row-major A with alpha 1 is not packed: the kernel reads its rows in place ({@link
 * FloatKernel#multiplyRows}).
 *
 * <p>Two shapes take other paths (see {@link #gemm}): {@code A·Bᵀ} with a thin C as dot products of
 * rows ({@link #THIN_COLUMNS}), and {@code A·Bᵀ} with few rows as {@code (B·Aᵀ)ᵀ} ({@link
 * #swapped}).
 *
 * <p>The packing loops are in {@link FloatGemmPacking}, the per-thread buffers in {@link
 * FloatGemmWorkspace}.
 */
final class FloatGemm {
  /** Depth of one packed slice of k. */
  static final int KC = 256;

  /** Rows of A packed at once (rounded down to a multiple of the kernel's mr). */
  static final int MC = 512;

  /** Columns of B packed at once (rounded down to a multiple of the kernel's nr). */
  static final int NC = 512;

  /** Below this many multiply-adds, packing costs more than it saves: plain loops instead. */
  static final long SMALL_MACS = 16 * 16 * 16;

  private FloatGemm() {}

  /**
   * The most rows for which {@code A·Bᵀ} is computed as {@code (B·Aᵀ)ᵀ}: below it, gathering the
   * transposed B into panels (n·k elements, about one cycle each) is a large share of the m·n·k/16
   * cycles of multiply-adds; swapped, B is read in place as the broadcast side and only A (m·k
   * elements) is gathered.
   */
  static final int SWAP_MAX_ROWS = 256;

  /** Arguments as in {@link Gemm#sgemm}; already validated; runs on the calling thread. */
  static void gemm(
      FloatKernel kernel,
      FloatGemmWorkspace ws,
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
    if (m == 0 || n == 0) {
      return;
    }
    if ((long) m * n * k <= SMALL_MACS) {
      small(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    if (transB && !transA && n <= THIN_COLUMNS && k >= THIN_MIN_DEPTH && alpha != 0f) {
      kernel.dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    if (swaps(transA, transB, m, n, k, alpha)) {
      swapped(kernel, ws, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    blocked(
        kernel, ws, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /**
   * {@code A·Bᵀ} with at most this many columns (a classifier's output layer: 10) is computed as
   * dot products of rows, both operands read in place: the blocked path would pad every B panel to
   * the kernel's 32 columns, three times the work for 10.
   */
  static final int THIN_COLUMNS = 16;

  /** ... when the rows are at least this long (shorter dot products are mostly tail). */
  static final int THIN_MIN_DEPTH = 64;

  /** Whether {@link #gemm} computes this product as {@code (B·Aᵀ)ᵀ} ({@link #swapped}). */
  static boolean swaps(boolean transA, boolean transB, int m, int n, int k, float alpha) {
    return transB && !transA && m < n && m <= SWAP_MAX_ROWS && k > 0 && alpha != 0f;
  }

  /**
   * {@code C = alpha * A·Bᵀ + beta*C} for A stored m x k and B stored n x k, both by rows, with few
   * rows m: computes {@code T = B·Aᵀ} (n x m) block by block of {@link #MC} rows of B into the
   * workspace, B's rows read in place by the kernel and A gathered into panels, then writes {@code
   * C = alpha*Tᵀ + beta*C}. The forward product of a linear layer, {@code x·Wᵀ} with a batch of 64,
   * is this case.
   */
  private static void swapped(
      FloatKernel kernel,
      FloatGemmWorkspace ws,
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
    int chunk = roundDown(MC, kernel.mr);
    float[] t = ws.transposed(Math.min(chunk, n) * m);
    int[] map = ws.transposeMap(kernel, m);
    for (int jc = 0; jc < n; jc += chunk) {
      int nc = Math.min(chunk, n - jc);
      blocked(
          kernel,
          ws,
          false,
          true,
          nc,
          m,
          k,
          1f,
          b,
          bOff + jc * ldb,
          ldb,
          a,
          aOff,
          lda,
          0f,
          t,
          0,
          m);
      kernel.addTransposed(t, m, m, nc, alpha, beta, c, cOff + jc, ldc, map);
    }
  }

  /** The packed, blocked product (see the class comment). */
  private static void blocked(
      FloatKernel kernel,
      FloatGemmWorkspace ws,
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
    // beta == 0: the first slice of k stores its tiles instead of adding to a zeroed C
    boolean overwrite = beta == 0f && k > 0 && alpha != 0f;
    if (!overwrite) {
      scale(m, n, beta, c, cOff, ldc);
    }
    if (k == 0 || alpha == 0f) {
      return;
    }
    ws.ensure(kernel);
    final int mr = kernel.mr;
    final int nr = kernel.nr;
    final int mcMax = roundDown(MC, mr);
    final int ncMax = roundDown(NC, nr);
    final float[] pa = ws.packA;
    final float[] pb = ws.packB;
    final float[] tile = ws.tile;
    final int[] map = transB ? ws.map(kernel, ldb) : null;
    // A by rows and unscaled: full panels are read in place (FloatKernel.multiplyRows)
    final boolean inPlace = !transA && alpha == 1f;
    // equal slices of k: no thin last slice whose tiles cost a load and store of C for few steps
    final int slices = (k + KC - 1) / KC;
    final int kcStep = (k + slices - 1) / slices;
    for (int pc = 0; pc < k; pc += kcStep) {
      int kc = Math.min(kcStep, k - pc);
      boolean store = overwrite && pc == 0;
      for (int ic = 0; ic < m; ic += mcMax) {
        int mc = Math.min(mcMax, m - ic);
        FloatGemmPacking.packA(
            kernel, transA, inPlace, a, aOff, lda, ic, pc, mc, kc, alpha, mr, pa);
        for (int jc = 0; jc < n; jc += ncMax) {
          int nc = Math.min(ncMax, n - jc);
          FloatGemmPacking.packB(kernel, map, transB, b, bOff, ldb, pc, jc, kc, nc, nr, pb);
          for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            boolean direct = inPlace && rows == mr;
            int aRow = aOff + (ic + ir) * lda + pc;
            for (int jr = 0; jr < nc; jr += nr) {
              int cols = Math.min(nr, nc - jr);
              int ci = cOff + (ic + ir) * ldc + jc + jr;
              if (rows == mr && cols == nr) {
                if (direct) {
                  kernel.multiplyRows(kc, a, aRow, lda, pb, jr * kc, c, ci, ldc, store);
                } else {
                  kernel.multiply(kc, pa, ir * kc, pb, jr * kc, c, ci, ldc, store);
                }
              } else {
                if (direct) {
                  kernel.multiplyRows(kc, a, aRow, lda, pb, jr * kc, tile, 0, nr, true);
                } else {
                  kernel.multiply(kc, pa, ir * kc, pb, jr * kc, tile, 0, nr, true);
                }
                for (int r = 0; r < rows; r++) {
                  int row = ci + r * ldc;
                  for (int j = 0; j < cols; j++) {
                    c[row + j] = store ? tile[r * nr + j] : c[row + j] + tile[r * nr + j];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /** {@code C = beta*C} over the m x n block; beta == 0 overwrites (so NaNs in C do not leak). */
  static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      if (beta == 0f) {
        Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }

  /** Unpacked loops for tiny products, where packing would dominate. */
  private static void small(
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
    int ai = transA ? 1 : lda;
    int ap = transA ? lda : 1;
    int bp = transB ? 1 : ldb;
    int bj = transB ? ldb : 1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        int x = aOff + i * ai;
        int y = bOff + j * bj;
        for (int p = 0; p < k; p++) {
          s += a[x + p * ap] * b[y + p * bp];
        }
        int ci = cOff + i * ldc + j;
        float v = alpha == 0f ? 0f : alpha * s;
        c[ci] = beta == 0f ? v : v + beta * c[ci];
      }
    }
  }

  static int roundDown(int x, int multiple) {
    return Math.max(multiple, x / multiple * multiple);
  }
}
