package dev.adjoint.runtime.backend.cpu;

import static dev.adjoint.runtime.backend.cpu.ReferenceConvolution.get;

import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;

/**
 * The pooling kernels written as their definitions, in {@code double}, operands read through their
 * strides: the oracle for {@link FastPooling}. A 3-D input [C, H, W] is pooled as [1, C, H, W].
 */
final class ReferencePooling {
  private ReferencePooling() {}

  /**
   * The window of output row (or column) {@code i}: taps {@code start, start + step, ... < end}.
   */
  record Window(int start, int end, int step) {
    /** Max pooling's taps inside an input of {@code size}: PyTorch's clipped start and end. */
    static Window max(int i, int size, int kernel, int stride, int pad, int dilation) {
      int start = i * stride - pad;
      int end = Math.min(start + (kernel - 1) * dilation + 1, size);
      while (start < 0) {
        start += dilation;
      }
      return new Window(start, end, dilation);
    }

    /** Average pooling's window clipped to the input (the padded extent is {@link #padded}). */
    static Window avg(int i, int size, int kernel, int stride, int pad) {
      int start = i * stride - pad;
      int end = Math.min(start + kernel, size + pad);
      return new Window(Math.max(start, 0), Math.min(end, size), 1);
    }

    /** The number of taps of average pooling's window inside the padded input. */
    static int padded(int i, int size, int kernel, int stride, int pad) {
      int start = i * stride - pad;
      return Math.min(start + kernel, size + pad) - start;
    }

    /** PyTorch's adaptive window: ⌊i·size/out⌋ ..< ⌈(i+1)·size/out⌉. */
    static Window adaptive(int i, int size, int out) {
      return new Window(
          (int) ((long) i * size / out), (int) (((long) (i + 1) * size + out - 1) / out), 1);
    }

    int count() {
      return end <= start ? 0 : (end - start + step - 1) / step;
    }
  }

  static Tensor maxPool(Tensor input, Pool2dParams p) {
    return pool(input, p, false, null);
  }

  static Tensor avgPool(Tensor input, Pool2dParams p) {
    return pool(input, p, true, null);
  }

  static Tensor maxPoolBackward(Tensor g, Tensor input, Pool2dParams p) {
    return pool(input, p, false, g);
  }

  static Tensor avgPoolBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    return pool(Tensor.empty(g.dtype(), inputShape), p, true, g);
  }

  /**
   * Pools {@code input} (forward, when {@code g} is null) or sends {@code g} back to the taps it
   * came from, shaped like {@code input}.
   */
  private static Tensor pool(Tensor input, Pool2dParams p, boolean average, Tensor g) {
    boolean unbatched = input.dim() == 3;
    Tensor x = unbatched ? Views.unsqueeze(input, 0) : input;
    Tensor gg = g != null && unbatched ? Views.unsqueeze(g, 0) : g;
    int[] s = x.shape();
    int oh = p.outputHeight(s[2]);
    int ow = p.outputWidth(s[3]);
    double[] out = new double[g == null ? s[0] * s[1] * oh * ow : x.numel()];
    for (int n = 0; n < s[0]; n++) {
      for (int c = 0; c < s[1]; c++) {
        int plane = (n * s[1] + c) * s[2] * s[3];
        for (int i = 0; i < oh; i++) {
          Window rows =
              average
                  ? Window.avg(i, s[2], p.kernelH(), p.strideH(), p.padH())
                  : Window.max(i, s[2], p.kernelH(), p.strideH(), p.padH(), p.dilationH());
          for (int j = 0; j < ow; j++) {
            Window cols =
                average
                    ? Window.avg(j, s[3], p.kernelW(), p.strideW(), p.padW())
                    : Window.max(j, s[3], p.kernelW(), p.strideW(), p.padW(), p.dilationW());
            int o = ((n * s[1] + c) * oh + i) * ow + j;
            if (average) {
              int divisor =
                  p.countIncludePad()
                      ? Window.padded(i, s[2], p.kernelH(), p.strideH(), p.padH())
                          * Window.padded(j, s[3], p.kernelW(), p.strideW(), p.padW())
                      : rows.count() * cols.count();
              if (g == null) {
                out[o] = windowSum(x, n, c, rows, cols) / divisor;
              } else {
                spread(out, plane, s[3], rows, cols, get(gg, n, c, i, j) / divisor);
              }
            } else {
              int at = argmax(x, n, c, rows, cols);
              if (g == null) {
                out[o] = at < 0 ? Double.NEGATIVE_INFINITY : get(x, n, c, at / s[3], at % s[3]);
              } else if (at >= 0) {
                out[plane + at] += get(gg, n, c, i, j);
              }
            }
          }
        }
      }
    }
    int[] shape = g == null ? new int[] {s[0], s[1], oh, ow} : s;
    Tensor result = Tensor.fromArray(x.dtype(), out, shape);
    return unbatched ? Views.squeezeDim(result, 0) : result;
  }

  // PyTorch's index: starts at the first tap, moves to a larger value or to any NaN; -1 for a
  // window whose dilated taps all fall in the padding (its maximum is −∞ and it has no gradient)
  private static int argmax(Tensor x, int n, int c, Window rows, Window cols) {
    if (rows.count() == 0 || cols.count() == 0) {
      return -1;
    }
    int width = x.shape()[3];
    int best = rows.start * width + cols.start;
    double max = Double.NEGATIVE_INFINITY;
    for (int h = rows.start; h < rows.end; h += rows.step) {
      for (int w = cols.start; w < cols.end; w += cols.step) {
        double v = get(x, n, c, h, w);
        if (v > max || Double.isNaN(v)) {
          max = v;
          best = h * width + w;
        }
      }
    }
    return best;
  }

  private static double windowSum(Tensor x, int n, int c, Window rows, Window cols) {
    double sum = 0;
    for (int h = rows.start; h < rows.end; h += rows.step) {
      for (int w = cols.start; w < cols.end; w += cols.step) {
        sum += get(x, n, c, h, w);
      }
    }
    return sum;
  }

  private static void spread(
      double[] out, int plane, int width, Window rows, Window cols, double share) {
    for (int h = rows.start; h < rows.end; h += rows.step) {
      for (int w = cols.start; w < cols.end; w += cols.step) {
        out[plane + h * width + w] += share;
      }
    }
  }

  static Tensor adaptiveAvgPool(Tensor input, int outH, int outW) {
    return adaptive(input, outH, outW, null);
  }

  static Tensor adaptiveAvgPoolBackward(Tensor g, int[] inputShape) {
    int[] gs = g.shape();
    return adaptive(Tensor.empty(g.dtype(), inputShape), gs[gs.length - 2], gs[gs.length - 1], g);
  }

  private static Tensor adaptive(Tensor input, int oh, int ow, Tensor g) {
    boolean unbatched = input.dim() == 3;
    Tensor x = unbatched ? Views.unsqueeze(input, 0) : input;
    Tensor gg = g != null && unbatched ? Views.unsqueeze(g, 0) : g;
    int[] s = x.shape();
    double[] out = new double[g == null ? s[0] * s[1] * oh * ow : x.numel()];
    for (int n = 0; n < s[0]; n++) {
      for (int c = 0; c < s[1]; c++) {
        int plane = (n * s[1] + c) * s[2] * s[3];
        for (int i = 0; i < oh; i++) {
          Window rows = Window.adaptive(i, s[2], oh);
          for (int j = 0; j < ow; j++) {
            Window cols = Window.adaptive(j, s[3], ow);
            int size = rows.count() * cols.count();
            if (g == null) {
              out[((n * s[1] + c) * oh + i) * ow + j] = windowSum(x, n, c, rows, cols) / size;
            } else {
              spread(out, plane, s[3], rows, cols, get(gg, n, c, i, j) / size);
            }
          }
        }
      }
    }
    int[] shape = g == null ? new int[] {s[0], s[1], oh, ow} : s;
    Tensor result = Tensor.fromArray(x.dtype(), out, shape);
    return unbatched ? Views.squeezeDim(result, 0) : result;
  }
}
