package dev.adjoint.runtime.backend.cpu;

import java.util.Arrays;

/**
 * Packing for {@link FloatGemm}'s blocked product: a block of op(A) into {@code mr}-row panels
 * (scaled by alpha) and a block of op(B) into {@code nr}-column panels, each panel stored k-step by
 * k-step so the micro-kernel reads it in order, and the last panel zero-padded to full width.
 */
final class FloatGemmPacking {
  private FloatGemmPacking() {}

  /**
   * Packs alpha * op(A)[ic:ic+mc, pc:pc+kc] into mr-row panels, zero-padding the last one. With
   * {@code inPlace} the full panels are left out (the kernel reads those rows in place).
   */
  static void packA(
      FloatKernel kernel,
      boolean transA,
      boolean inPlace,
      float[] a,
      int aOff,
      int lda,
      int ic,
      int pc,
      int mc,
      int kc,
      float alpha,
      int mr,
      float[] pa) {
    for (int ir = 0; ir < mc; ir += mr) {
      int rows = Math.min(mr, mc - ir);
      if (inPlace && rows == mr) {
        continue;
      }
      int dst = ir * kc;
      if (!transA) {
        // p outer: the panel is written in order while the rows are read as parallel streams
        int src = aOff + (ic + ir) * lda + pc;
        for (int p = 0; p < kc; p++) {
          int d = dst + p * mr;
          for (int r = 0; r < rows; r++) {
            pa[d + r] = alpha * a[src + r * lda + p];
          }
        }
      } else if (rows == mr) {
        kernel.packATransposed(a, aOff + pc * lda + ic + ir, lda, kc, alpha, pa, dst);
      } else {
        for (int p = 0; p < kc; p++) {
          int src = aOff + (pc + p) * lda + ic + ir;
          int d = dst + p * mr;
          for (int r = 0; r < rows; r++) {
            pa[d + r] = alpha * a[src + r];
          }
        }
      }
      if (rows < mr) {
        for (int p = 0; p < kc; p++) {
          Arrays.fill(pa, dst + p * mr + rows, dst + (p + 1) * mr, 0f);
        }
      }
    }
  }

  /** Packs op(B)[pc:pc+kc, jc:jc+nc] into nr-column panels, zero-padding the last one. */
  static void packB(
      FloatKernel kernel,
      int[] map,
      boolean transB,
      float[] b,
      int bOff,
      int ldb,
      int pc,
      int jc,
      int kc,
      int nc,
      int nr,
      float[] pb) {
    for (int jr = 0; jr < nc; jr += nr) {
      int cols = Math.min(nr, nc - jr);
      int dst = jr * kc;
      if (!transB) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, bOff + (pc + p) * ldb + jc + jr, pb, dst + p * nr, cols);
        }
      } else if (cols == nr) {
        kernel.packTransposed(b, bOff + (jc + jr) * ldb + pc, ldb, kc, pb, dst, map);
      } else {
        // p outer: the panel is written in order while the columns are read as parallel streams
        int src = bOff + (jc + jr) * ldb + pc;
        for (int p = 0; p < kc; p++) {
          int d = dst + p * nr;
          for (int j = 0; j < cols; j++) {
            pb[d + j] = b[src + j * ldb + p];
          }
        }
      }
      if (cols < nr) {
        for (int p = 0; p < kc; p++) {
          Arrays.fill(pb, dst + p * nr + cols, dst + (p + 1) * nr, 0f);
        }
      }
    }
  }
}
