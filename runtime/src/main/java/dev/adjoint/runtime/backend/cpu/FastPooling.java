package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.cpu.ReferencePooling.Window;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Max, average and adaptive average pooling and their gradients for float32: the windows of every
 * output row and column are worked out once per call ({@link Window}, as the reference kernels
 * define them), then each plane is a tight loop over the arrays. The maximum's index rule and the
 * divisors are the reference's, so the results are the same numbers (sums of a window in double).
 * Max pooling's backward takes the indices its forward found where {@link MaxPoolIndices} still
 * holds them for the same, unchanged input, and searches the windows again otherwise.
 */
final class FastPooling {
  private FastPooling() {}

  static boolean applies(Tensor... operands) {
    for (Tensor t : operands) {
      if (t.dtype() != DType.FLOAT32) {
        return false;
      }
    }
    return true;
  }

  /** The windows along one side, and (average pooling) each output's divisor along it. */
  private record Side(Window[] windows, int[] divisors) {
    static Side max(int out, int size, int kernel, int stride, int pad, int dilation) {
      Window[] w = new Window[out];
      for (int i = 0; i < out; i++) {
        w[i] = Window.max(i, size, kernel, stride, pad, dilation);
      }
      return new Side(w, null);
    }

    static Side avg(int out, int size, int kernel, int stride, int pad, boolean includePad) {
      Window[] w = new Window[out];
      int[] d = new int[out];
      for (int i = 0; i < out; i++) {
        w[i] = Window.avg(i, size, kernel, stride, pad);
        d[i] = includePad ? Window.padded(i, size, kernel, stride, pad) : w[i].count();
      }
      return new Side(w, d);
    }

    static Side adaptive(int out, int size) {
      Window[] w = new Window[out];
      int[] d = new int[out];
      for (int i = 0; i < out; i++) {
        w[i] = Window.adaptive(i, size, out);
        d[i] = w[i].count();
      }
      return new Side(w, d);
    }
  }

  /** Planes of an input [N, C, H, W] or [C, H, W]. */
  private record Planes(int count, int h, int w) {
    static Planes of(int[] shape) {
      int rank = shape.length;
      int count = rank == 4 ? shape[0] * shape[1] : shape[0];
      return new Planes(count, shape[rank - 2], shape[rank - 1]);
    }
  }

  private static int[] outputShape(int[] input, int oh, int ow) {
    int[] s = input.clone();
    s[s.length - 2] = oh;
    s[s.length - 1] = ow;
    return s;
  }

  private static Side[] maxSides(Planes p, Pool2dParams q) {
    return new Side[] {
      Side.max(q.outputHeight(p.h), p.h, q.kernelH(), q.strideH(), q.padH(), q.dilationH()),
      Side.max(q.outputWidth(p.w), p.w, q.kernelW(), q.strideW(), q.padW(), q.dilationW())
    };
  }

  private static Side[] avgSides(Planes p, Pool2dParams q) {
    return new Side[] {
      Side.avg(q.outputHeight(p.h), p.h, q.kernelH(), q.strideH(), q.padH(), q.countIncludePad()),
      Side.avg(q.outputWidth(p.w), p.w, q.kernelW(), q.strideW(), q.padW(), q.countIncludePad())
    };
  }

  static Tensor maxPool(Tensor input, Pool2dParams q) {
    Tensor x = Dense.of(input);
    Planes p = Planes.of(x.shape());
    Side[] sides = maxSides(p, q);
    Window[] rows = sides[0].windows;
    Window[] cols = sides[1].windows;
    Tensor y = Tensor.empty(DType.FLOAT32, outputShape(x.shape(), rows.length, cols.length));
    float[] xs = x.storage().floats();
    float[] ys = y.storage().floats();
    int perPlane = rows.length * cols.length;
    // each window's index, for the backward of this pooling (see MaxPoolIndices)
    int[] indices = new int[p.count * perPlane];
    ParallelRanges.run(
        p.count,
        (long) p.count * perPlane * q.kernelH() * q.kernelW(),
        (from, to) -> {
          for (int plane = from; plane < to; plane++) {
            int base = x.offset() + plane * p.h * p.w;
            int out = plane * perPlane;
            for (Window r : rows) {
              for (Window c : cols) {
                int at = argmax(xs, base, p.w, r, c);
                indices[out] = at;
                ys[out++] = at < 0 ? Float.NEGATIVE_INFINITY : xs[base + at];
              }
            }
          }
        });
    if (x == input) { // a copy of a strided input would be a new storage each call: never found
      MaxPoolIndices.remember(x, q, indices);
    }
    return y;
  }

  static Tensor maxPoolBackward(Tensor gradient, Tensor input, Pool2dParams q) {
    Tensor x = Dense.of(input);
    Tensor g = Dense.of(gradient);
    Planes p = Planes.of(x.shape());
    Side[] sides = maxSides(p, q);
    Tensor dx = Tensor.empty(DType.FLOAT32, x.shape());
    float[] xs = x.storage().floats();
    float[] gs = g.storage().floats();
    float[] out = dx.storage().floats();
    int perPlane = sides[0].windows.length * sides[1].windows.length;
    int[] known = x == input ? MaxPoolIndices.recall(x, q) : null;
    if (known != null) {
      // the forward's indices: each window's gradient added where its maximum was
      ParallelRanges.run(
          p.count,
          (long) p.count * perPlane,
          (from, to) -> {
            for (int plane = from; plane < to; plane++) {
              int base = plane * p.h * p.w;
              int gi = g.offset() + plane * perPlane;
              for (int o = plane * perPlane, end = o + perPlane; o < end; o++, gi++) {
                int at = known[o];
                if (at >= 0) {
                  out[base + at] += gs[gi];
                }
              }
            }
          });
      return dx;
    }
    ParallelRanges.run(
        p.count,
        (long) p.count * perPlane * q.kernelH() * q.kernelW(),
        (from, to) -> {
          for (int plane = from; plane < to; plane++) {
            int base = plane * p.h * p.w;
            int gi = g.offset() + plane * perPlane;
            for (Window r : sides[0].windows) {
              for (Window c : sides[1].windows) {
                int at = argmax(xs, x.offset() + base, p.w, r, c);
                if (at >= 0) {
                  out[base + at] += gs[gi];
                }
                gi++;
              }
            }
          }
        });
    return dx;
  }

  // the reference's index: the first tap, then any larger value or any NaN; -1 for no tap
  private static int argmax(float[] x, int base, int width, Window rows, Window cols) {
    if (rows.start() >= rows.end() || cols.start() >= cols.end()) {
      return -1;
    }
    int best = rows.start() * width + cols.start();
    float max = Float.NEGATIVE_INFINITY;
    for (int h = rows.start(); h < rows.end(); h += rows.step()) {
      int row = h * width;
      for (int w = cols.start(); w < cols.end(); w += cols.step()) {
        float v = x[base + row + w];
        if (v > max || v != v) {
          max = v;
          best = row + w;
        }
      }
    }
    return best;
  }

  static Tensor avgPool(Tensor input, Pool2dParams q) {
    Tensor x = Dense.of(input);
    return average(x, avgSides(Planes.of(x.shape()), q));
  }

  static Tensor avgPoolBackward(Tensor gradient, int[] inputShape, Pool2dParams q) {
    return spread(Dense.of(gradient), inputShape, avgSides(Planes.of(inputShape), q));
  }

  static Tensor adaptiveAvgPool(Tensor input, int oh, int ow) {
    Tensor x = Dense.of(input);
    Planes p = Planes.of(x.shape());
    return average(x, new Side[] {Side.adaptive(oh, p.h), Side.adaptive(ow, p.w)});
  }

  static Tensor adaptiveAvgPoolBackward(Tensor gradient, int[] inputShape) {
    Planes p = Planes.of(inputShape);
    int[] gs = gradient.shape();
    Side[] sides = {Side.adaptive(gs[gs.length - 2], p.h), Side.adaptive(gs[gs.length - 1], p.w)};
    return spread(Dense.of(gradient), inputShape, sides);
  }

  private static Tensor average(Tensor x, Side[] sides) {
    Planes p = Planes.of(x.shape());
    Window[] rows = sides[0].windows;
    Window[] cols = sides[1].windows;
    Tensor y = Tensor.empty(DType.FLOAT32, outputShape(x.shape(), rows.length, cols.length));
    float[] xs = x.storage().floats();
    float[] ys = y.storage().floats();
    int out = 0;
    for (int plane = 0; plane < p.count; plane++) {
      int base = x.offset() + plane * p.h * p.w;
      for (int i = 0; i < rows.length; i++) {
        Window r = rows[i];
        for (int j = 0; j < cols.length; j++) {
          Window c = cols[j];
          double sum = 0;
          for (int h = r.start(); h < r.end(); h++) {
            int row = base + h * p.w;
            for (int w = c.start(); w < c.end(); w++) {
              sum += xs[row + w];
            }
          }
          ys[out++] = (float) (sum / (sides[0].divisors[i] * sides[1].divisors[j]));
        }
      }
    }
    return y;
  }

  private static Tensor spread(Tensor g, int[] inputShape, Side[] sides) {
    Planes p = Planes.of(inputShape);
    Window[] rows = sides[0].windows;
    Window[] cols = sides[1].windows;
    Tensor dx = Tensor.empty(DType.FLOAT32, inputShape);
    float[] gs = g.storage().floats();
    float[] out = dx.storage().floats();
    int gi = g.offset();
    // per plane in double, then rounded once: the reference's order of additions
    double[] acc = new double[p.h * p.w];
    for (int plane = 0; plane < p.count; plane++) {
      java.util.Arrays.fill(acc, 0);
      for (int i = 0; i < rows.length; i++) {
        Window r = rows[i];
        for (int j = 0; j < cols.length; j++) {
          Window c = cols[j];
          double share = gs[gi++] / (double) (sides[0].divisors[i] * sides[1].divisors[j]);
          for (int h = r.start(); h < r.end(); h++) {
            int row = h * p.w;
            for (int w = c.start(); w < c.end(); w++) {
              acc[row + w] += share;
            }
          }
        }
      }
      int base = plane * p.h * p.w;
      for (int k = 0; k < acc.length; k++) {
        out[base + k] = (float) acc[k];
      }
    }
    return dx;
  }
}
