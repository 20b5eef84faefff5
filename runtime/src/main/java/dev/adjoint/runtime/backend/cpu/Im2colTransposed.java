package dev.adjoint.runtime.backend.cpu;

import java.util.Arrays;

/**
 * The transposed patch matrix of one image group, one row of {@code k = cg·kh·kw} per output pixel
 * ({@code col[colOff + pixel·ld + r]}, r as in {@link Im2col}), and its adjoint: the layout whose
 * products with W and G read both operands by rows, used where the pixels are few (ResNet-18's
 * layers 2–4 at batch 1). Per output pixel the taps that fall inside the image are worked out once
 * (rows {@code [aLo, aHi)} and columns {@code [bLo, bHi)} of the window), so the loops over a patch
 * copy or add without a bounds test per element: the padding taps are zeros written in runs ({@link
 * #unfold}) or skipped ({@link #fold}). The elements and, when folding, the order in which each
 * input element receives its additions are those of the per-tap tests (pixel by pixel, then
 * channel, row and column of the window), so the results are the same bits.
 */
final class Im2colTransposed {
  private Im2colTransposed() {}

  /** The taps of one output pixel's window that fall inside the image, along one side. */
  private static int firstInside(int origin, int dilation, int taps) {
    // the first tap t with origin + t·dilation ≥ 0 (at most taps)
    return origin >= 0 ? 0 : Math.min(taps, (-origin + dilation - 1) / dilation);
  }

  private static int endInside(int origin, int dilation, int size, int taps) {
    // one past the last tap t with origin + t·dilation < size (at least 0)
    int limit = size - origin;
    return limit <= 0 ? 0 : Math.min(taps, (limit - 1) / dilation + 1);
  }

  /**
   * Writes the transposed patch matrix of output rows {@code [i0, i1)} of the image group at {@code
   * x[xOff..]} ([cg, h, w] contiguous) to {@code col[colOff + pixel·ld + r]}.
   */
  static void unfold(
      ConvGeometry s, float[] x, int xOff, float[] col, int colOff, int ld, int i0, int i1) {
    int plane = s.h * s.w;
    int kw = s.kw;
    int dh = s.p.dilationH() * s.w; // input elements between two rows of the window
    int dw = s.p.dilationW();
    for (int i = i0; i < i1; i++) {
      int h0 = i * s.p.strideH() - s.p.padH();
      int aLo = firstInside(h0, s.p.dilationH(), s.kh);
      int aHi = Math.max(aLo, endInside(h0, s.p.dilationH(), s.h, s.kh));
      for (int j = 0; j < s.ow; j++) {
        int dst = colOff + (i * s.ow + j) * ld;
        int w0 = j * s.p.strideW() - s.p.padW();
        int bLo = firstInside(w0, dw, kw);
        int bHi = Math.max(bLo, endInside(w0, dw, s.w, kw));
        if (aLo == aHi || bLo == bHi) {
          Arrays.fill(col, dst, dst + s.k, 0f);
          continue;
        }
        for (int c = 0; c < s.cg; c++) {
          // the window's first row and column, which may lie in the padding (never read there)
          int origin = xOff + c * plane + h0 * s.w + w0;
          Arrays.fill(col, dst, dst + aLo * kw, 0f);
          for (int a = aLo; a < aHi; a++) {
            int out = dst + a * kw;
            int in = origin + a * dh;
            for (int b = 0; b < bLo; b++) {
              col[out + b] = 0f;
            }
            for (int b = bLo; b < bHi; b++) {
              col[out + b] = x[in + b * dw];
            }
            for (int b = bHi; b < kw; b++) {
              col[out + b] = 0f;
            }
          }
          Arrays.fill(col, dst + aHi * kw, dst + s.kh * kw, 0f);
          dst += s.kh * kw;
        }
      }
    }
  }

  /**
   * Adds the transposed patch matrix ({@link #unfold}'s layout), channels {@code [c0, c1)}, into
   * the image group at {@code dx[dxOff..]}.
   */
  static void fold(
      ConvGeometry s, float[] col, int colOff, int ld, float[] dx, int dxOff, int c0, int c1) {
    int plane = s.h * s.w;
    int kw = s.kw;
    int dh = s.p.dilationH() * s.w;
    int dw = s.p.dilationW();
    for (int i = 0; i < s.oh; i++) {
      int h0 = i * s.p.strideH() - s.p.padH();
      int aLo = firstInside(h0, s.p.dilationH(), s.kh);
      int aHi = Math.max(aLo, endInside(h0, s.p.dilationH(), s.h, s.kh));
      for (int j = 0; j < s.ow; j++) {
        int w0 = j * s.p.strideW() - s.p.padW();
        int bLo = firstInside(w0, dw, kw);
        int bHi = Math.max(bLo, endInside(w0, dw, s.w, kw));
        if (aLo == aHi || bLo == bHi) {
          continue;
        }
        int src = colOff + (i * s.ow + j) * ld + c0 * s.kh * kw;
        for (int c = c0; c < c1; c++, src += s.kh * kw) {
          int origin = dxOff + c * plane + h0 * s.w + w0;
          for (int a = aLo; a < aHi; a++) {
            int in = src + a * kw;
            int out = origin + a * dh;
            for (int b = bLo; b < bHi; b++) {
              dx[out + b * dw] += col[in + b];
            }
          }
        }
      }
    }
  }

  /** {@link #unfold} in double. */
  static void unfold(
      ConvGeometry s, double[] x, int xOff, double[] col, int colOff, int ld, int i0, int i1) {
    int plane = s.h * s.w;
    int kw = s.kw;
    int dh = s.p.dilationH() * s.w;
    int dw = s.p.dilationW();
    for (int i = i0; i < i1; i++) {
      int h0 = i * s.p.strideH() - s.p.padH();
      int aLo = firstInside(h0, s.p.dilationH(), s.kh);
      int aHi = Math.max(aLo, endInside(h0, s.p.dilationH(), s.h, s.kh));
      for (int j = 0; j < s.ow; j++) {
        int dst = colOff + (i * s.ow + j) * ld;
        int w0 = j * s.p.strideW() - s.p.padW();
        int bLo = firstInside(w0, dw, kw);
        int bHi = Math.max(bLo, endInside(w0, dw, s.w, kw));
        if (aLo == aHi || bLo == bHi) {
          Arrays.fill(col, dst, dst + s.k, 0.0);
          continue;
        }
        for (int c = 0; c < s.cg; c++) {
          int origin = xOff + c * plane + h0 * s.w + w0;
          Arrays.fill(col, dst, dst + aLo * kw, 0.0);
          for (int a = aLo; a < aHi; a++) {
            int out = dst + a * kw;
            int in = origin + a * dh;
            for (int b = 0; b < bLo; b++) {
              col[out + b] = 0.0;
            }
            for (int b = bLo; b < bHi; b++) {
              col[out + b] = x[in + b * dw];
            }
            for (int b = bHi; b < kw; b++) {
              col[out + b] = 0.0;
            }
          }
          Arrays.fill(col, dst + aHi * kw, dst + s.kh * kw, 0.0);
          dst += s.kh * kw;
        }
      }
    }
  }

  /** {@link #fold} in double. */
  static void fold(
      ConvGeometry s, double[] col, int colOff, int ld, double[] dx, int dxOff, int c0, int c1) {
    int plane = s.h * s.w;
    int kw = s.kw;
    int dh = s.p.dilationH() * s.w;
    int dw = s.p.dilationW();
    for (int i = 0; i < s.oh; i++) {
      int h0 = i * s.p.strideH() - s.p.padH();
      int aLo = firstInside(h0, s.p.dilationH(), s.kh);
      int aHi = Math.max(aLo, endInside(h0, s.p.dilationH(), s.h, s.kh));
      for (int j = 0; j < s.ow; j++) {
        int w0 = j * s.p.strideW() - s.p.padW();
        int bLo = firstInside(w0, dw, kw);
        int bHi = Math.max(bLo, endInside(w0, dw, s.w, kw));
        if (aLo == aHi || bLo == bHi) {
          continue;
        }
        int src = colOff + (i * s.ow + j) * ld + c0 * s.kh * kw;
        for (int c = c0; c < c1; c++, src += s.kh * kw) {
          int origin = dxOff + c * plane + h0 * s.w + w0;
          for (int a = aLo; a < aHi; a++) {
            int in = src + a * kw;
            int out = origin + a * dh;
            for (int b = bLo; b < bHi; b++) {
              dx[out + b * dw] += col[in + b];
            }
          }
        }
      }
    }
  }
}
