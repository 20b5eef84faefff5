package dev.adjoint.runtime.backend.cpu;

import java.util.Arrays;

/**
 * Unfolding an image into its patches and folding them back, the data movement around the matrix
 * products of {@link FastConvolution}. For one image and one group, patch matrix row {@code r =
 * (c·kh + a)·kw + b} holds, for every output pixel {@code (i, j)}, the input value its tap {@code
 * (a, b)} of channel c reads, or 0 where that falls in the padding. {@code im2col} writes the rows,
 * {@code col2im} adds them back into an image (the adjoint of im2col). Rows of stride 1 move as
 * contiguous runs; float and double have one copy each. The transposed layout, one patch per row,
 * is {@link Im2colTransposed}.
 */
final class Im2col {
  private static final StridedRows STRIDED = StridedRows.INSTANCE;

  private Im2col() {}

  /**
   * Writes the k × l patch matrix of the image group at {@code x[xOff..]} ([cg, h, w] contiguous)
   * to {@code col[colOff + r·ld + pixel]}.
   */
  static void im2col(
      ConvGeometry s, float[] x, int xOff, float[] col, int colOff, int ld, int c0, int c1) {
    int plane = s.h * s.w;
    for (int c = c0; c < c1; c++) {
      for (int a = 0; a < s.kh; a++) {
        for (int b = 0; b < s.kw; b++) {
          int row = colOff + ((c * s.kh + a) * s.kw + b) * ld;
          int dw = b * s.p.dilationW() - s.p.padW();
          int lo = firstInside(dw, s.p.strideW(), s.ow);
          int hi = endInside(dw, s.p.strideW(), s.w, s.ow);
          if (sameWidthRun(s, lo, hi)) {
            // output rows i0..i1 read input rows i0 + dh.., one run in both: copied at once, then
            // the padding columns of each row (filled with wrapped values) set to 0
            int dh = a * s.p.dilationH() - s.p.padH();
            int i0 = Math.min(s.oh, Math.max(0, -dh));
            int i1 = Math.max(i0, Math.min(s.oh, s.h - dh));
            Arrays.fill(col, row, row + i0 * s.ow, 0f);
            Arrays.fill(col, row + i1 * s.ow, row + s.oh * s.ow, 0f);
            if (i0 < i1) {
              int src = xOff + c * plane + (i0 + dh) * s.w + dw;
              int length = (i1 - i0 - 1) * s.w + hi - lo;
              System.arraycopy(x, src + lo, col, row + i0 * s.ow + lo, length);
              for (int i = i0; i < i1 && (lo > 0 || hi < s.ow); i++) {
                Arrays.fill(col, row + i * s.ow, row + i * s.ow + lo, 0f);
                Arrays.fill(col, row + i * s.ow + hi, row + (i + 1) * s.ow, 0f);
              }
            }
            continue;
          }
          for (int i = 0; i < s.oh; i++) {
            int dst = row + i * s.ow;
            int hh = i * s.p.strideH() - s.p.padH() + a * s.p.dilationH();
            if (hh < 0 || hh >= s.h || lo >= hi) {
              Arrays.fill(col, dst, dst + s.ow, 0f);
              continue;
            }
            int src = xOff + c * plane + hh * s.w + dw;
            Arrays.fill(col, dst, dst + lo, 0f);
            if (s.p.strideW() == 1) {
              System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
            } else if (s.p.strideW() == 2) {
              STRIDED.everyOther(x, src + 2 * lo, col, dst + lo, hi - lo);
            } else {
              int sw = s.p.strideW();
              for (int j = lo; j < hi; j++) {
                col[dst + j] = x[src + j * sw];
              }
            }
            Arrays.fill(col, dst + hi, dst + s.ow, 0f);
          }
        }
      }
    }
  }

  /** Adds the patch matrix at {@code col[colOff + r·ld + pixel]} into the image group at dx. */
  static void col2im(
      ConvGeometry s, float[] col, int colOff, int ld, float[] dx, int dxOff, int c0, int c1) {
    // runs of a vector or more are added by the vector kernel, shorter ones by a plain loop
    int vector = VectorSupport.ENABLED ? 16 : Integer.MAX_VALUE;
    int plane = s.h * s.w;
    for (int c = c0; c < c1; c++) {
      for (int a = 0; a < s.kh; a++) {
        for (int b = 0; b < s.kw; b++) {
          int row = colOff + ((c * s.kh + a) * s.kw + b) * ld;
          int dw = b * s.p.dilationW() - s.p.padW();
          int lo = firstInside(dw, s.p.strideW(), s.ow);
          int hi = endInside(dw, s.p.strideW(), s.w, s.ow);
          for (int i = 0; i < s.oh && lo < hi; i++) {
            int hh = i * s.p.strideH() - s.p.padH() + a * s.p.dilationH();
            if (hh < 0 || hh >= s.h) {
              continue;
            }
            int src = row + i * s.ow;
            int dst = dxOff + c * plane + hh * s.w + dw;
            if (s.p.strideW() == 1 && hi - lo >= vector) {
              FloatOps.KERNELS.add(dx, dst + lo, col, src + lo, dx, dst + lo, hi - lo);
            } else {
              int sw = s.p.strideW();
              for (int j = lo; j < hi; j++) {
                dx[dst + j * sw] += col[src + j];
              }
            }
          }
        }
      }
    }
  }

  /** {@link #im2col} in double. */
  static void im2col(
      ConvGeometry s, double[] x, int xOff, double[] col, int colOff, int ld, int c0, int c1) {
    int plane = s.h * s.w;
    for (int c = c0; c < c1; c++) {
      for (int a = 0; a < s.kh; a++) {
        for (int b = 0; b < s.kw; b++) {
          int row = colOff + ((c * s.kh + a) * s.kw + b) * ld;
          int dw = b * s.p.dilationW() - s.p.padW();
          int lo = firstInside(dw, s.p.strideW(), s.ow);
          int hi = endInside(dw, s.p.strideW(), s.w, s.ow);
          if (sameWidthRun(s, lo, hi)) {
            // output rows i0..i1 read input rows i0 + dh.., one run in both: copied at once, then
            // the padding columns of each row (filled with wrapped values) set to 0
            int dh = a * s.p.dilationH() - s.p.padH();
            int i0 = Math.min(s.oh, Math.max(0, -dh));
            int i1 = Math.max(i0, Math.min(s.oh, s.h - dh));
            Arrays.fill(col, row, row + i0 * s.ow, 0.0);
            Arrays.fill(col, row + i1 * s.ow, row + s.oh * s.ow, 0.0);
            if (i0 < i1) {
              int src = xOff + c * plane + (i0 + dh) * s.w + dw;
              int length = (i1 - i0 - 1) * s.w + hi - lo;
              System.arraycopy(x, src + lo, col, row + i0 * s.ow + lo, length);
              for (int i = i0; i < i1 && (lo > 0 || hi < s.ow); i++) {
                Arrays.fill(col, row + i * s.ow, row + i * s.ow + lo, 0.0);
                Arrays.fill(col, row + i * s.ow + hi, row + (i + 1) * s.ow, 0.0);
              }
            }
            continue;
          }
          for (int i = 0; i < s.oh; i++) {
            int dst = row + i * s.ow;
            int hh = i * s.p.strideH() - s.p.padH() + a * s.p.dilationH();
            if (hh < 0 || hh >= s.h || lo >= hi) {
              Arrays.fill(col, dst, dst + s.ow, 0.0);
              continue;
            }
            int src = xOff + c * plane + hh * s.w + dw;
            Arrays.fill(col, dst, dst + lo, 0.0);
            int sw = s.p.strideW();
            for (int j = lo; j < hi; j++) {
              col[dst + j] = x[src + j * sw];
            }
            Arrays.fill(col, dst + hi, dst + s.ow, 0.0);
          }
        }
      }
    }
  }

  /** {@link #col2im} in double. */
  static void col2im(
      ConvGeometry s, double[] col, int colOff, int ld, double[] dx, int dxOff, int c0, int c1) {
    int plane = s.h * s.w;
    for (int c = c0; c < c1; c++) {
      for (int a = 0; a < s.kh; a++) {
        for (int b = 0; b < s.kw; b++) {
          int row = colOff + ((c * s.kh + a) * s.kw + b) * ld;
          int dw = b * s.p.dilationW() - s.p.padW();
          int lo = firstInside(dw, s.p.strideW(), s.ow);
          int hi = endInside(dw, s.p.strideW(), s.w, s.ow);
          for (int i = 0; i < s.oh && lo < hi; i++) {
            int hh = i * s.p.strideH() - s.p.padH() + a * s.p.dilationH();
            if (hh < 0 || hh >= s.h) {
              continue;
            }
            int src = row + i * s.ow;
            int dst = dxOff + c * plane + hh * s.w + dw;
            int sw = s.p.strideW();
            for (int j = lo; j < hi; j++) {
              dx[dst + j * sw] += col[src + j];
            }
          }
        }
      }
    }
  }

  /**
   * {@code dst[dstOff + j·ldd + i] = src[i·lds + j]} for rows {@code [from, to)} of a block of
   * {@code cols} columns, by 32 × 32 tiles.
   */
  static void transpose(
      Object src, int from, int to, int cols, int lds, Object dst, int dstOff, int ldd) {
    final int tile = 32;
    for (int i0 = from; i0 < to; i0 += tile) {
      int i1 = Math.min(to, i0 + tile);
      for (int j0 = 0; j0 < cols; j0 += tile) {
        int j1 = Math.min(cols, j0 + tile);
        if (src instanceof float[] f) {
          float[] d = (float[]) dst;
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              d[dstOff + j * ldd + i] = f[i * lds + j];
            }
          }
        } else {
          double[] f = (double[]) src;
          double[] d = (double[]) dst;
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              d[dstOff + j * ldd + i] = f[i * lds + j];
            }
          }
        }
      }
    }
  }

  // stride 1 both ways and output rows as wide as input rows: a tap's rows of the patch matrix
  // are one contiguous run of the input plane, shifted
  private static boolean sameWidthRun(ConvGeometry s, int lo, int hi) {
    return s.p.strideW() == 1 && s.p.strideH() == 1 && s.ow == s.w && lo < hi;
  }

  // the first output column j whose tap j·stride + offset is ≥ 0 (at most out)
  private static int firstInside(int offset, int stride, int out) {
    return offset >= 0 ? 0 : Math.min(out, (-offset + stride - 1) / stride);
  }

  // one past the last output column j whose tap j·stride + offset is < width (at least 0)
  private static int endInside(int offset, int stride, int width, int out) {
    int limit = width - offset; // taps j·stride < limit
    return limit <= 0 ? 0 : Math.min(out, (limit - 1) / stride + 1);
  }
}
