package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Batch norm's kernels for float32, a channel's plane at a time with the vectorised loops of {@link
 * PlaneKernels}; sums go through float lanes within runs of at most {@link PlaneKernels#RUN}
 * elements and through double beyond. The input is [N, C, inner...] with each channel's elements in
 * N runs of {@code inner}.
 */
final class FastBatchNorm {
  private static final PlaneKernels K = PlaneKernels.INSTANCE;

  private FastBatchNorm() {}

  /** Whether these operands take the fast path: all float32. */
  static boolean applies(Tensor... operands) {
    for (Tensor t : operands) {
      if (t.dtype() != DType.FLOAT32) {
        return false;
      }
    }
    return true;
  }

  /** The layout of a [N, C, ...] tensor: N batches of C planes of {@code inner} elements. */
  private record Planes(int batch, int channels, int inner) {
    static Planes of(Tensor x) {
      int[] s = x.shape();
      int inner = 1;
      for (int d = 2; d < s.length; d++) {
        inner *= s[d];
      }
      return new Planes(s[0], s[1], inner);
    }

    int at(int n, int c) {
      return (n * channels + c) * inner;
    }

    long count() {
      return (long) batch * inner;
    }
  }

  static Tensor moments(Tensor input) {
    Tensor x = Dense.of(input);
    Planes p = Planes.of(x);
    float[] xs = x.storage().floats();
    int o = x.offset();
    float[] out = new float[2 * p.channels];
    ParallelRanges.run(
        p.channels,
        2 * (long) x.numel(),
        (from, to) -> {
          for (int c = from; c < to; c++) {
            double sum = 0;
            for (int n = 0; n < p.batch; n++) {
              sum += Dense.sum(xs, o + p.at(n, c), p.inner);
            }
            double mean = sum / p.count();
            // Σ(x − m)² about the float mean m, less n·(m − mean)², is Σ(x − mean)²
            float m = (float) mean;
            double squares = 0;
            for (int n = 0; n < p.batch; n++) {
              for (int at = 0; at < p.inner; at += PlaneKernels.RUN) {
                int len = Math.min(PlaneKernels.RUN, p.inner - at);
                squares += K.squaredDeviations(xs, o + p.at(n, c) + at, len, m);
              }
            }
            double shift = m - mean;
            out[c] = m;
            out[p.channels + c] = (float) Math.max(0, squares / p.count() - shift * shift);
          }
        });
    return Tensor.fromArray(out, 2, p.channels);
  }

  static Tensor forward(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    Tensor x = Dense.of(input);
    Planes p = Planes.of(x);
    Tensor y = Tensor.empty(DType.FLOAT32, x.shape());
    float[] xs = x.storage().floats();
    float[] ys = y.storage().floats();
    ParallelRanges.run(
        p.channels,
        x.numel(),
        (from, to) -> {
          for (int c = from; c < to; c++) {
            // (x − μ)·s·w + b
            float mu = value(mean, c);
            float scale = (float) ((double) value(invstd, c) * value(weight, c));
            float shift = value(bias, c);
            for (int n = 0; n < p.batch; n++) {
              K.affine(xs, x.offset() + p.at(n, c), p.inner, mu, scale, shift, ys, p.at(n, c));
            }
          }
        });
    return y;
  }

  static Tensor inputGrad(
      Tensor gradient, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    Tensor g = Dense.of(gradient);
    Tensor x = Dense.of(input);
    Planes p = Planes.of(x);
    Tensor dx = Tensor.empty(DType.FLOAT32, x.shape());
    float[] gs = g.storage().floats();
    float[] xs = x.storage().floats();
    float[] out = dx.storage().floats();
    ParallelRanges.run(
        p.channels,
        2 * (long) x.numel(),
        (from, to) -> {
          double[] sums = new double[2];
          for (int c = from; c < to; c++) {
            float mu = value(mean, c);
            double s = value(invstd, c);
            float scale = (float) (s * value(weight, c));
            // training: dx = scale·(g − Σg/n − (x − μ)·k), k = s²·Σg(x − μ)/n; eval: scale·g
            float k = 0f;
            float meanG = 0f;
            if (training) {
              centredSums(gs, g.offset(), xs, x.offset(), p, c, mu, sums);
              k = (float) (s * s * sums[1] / p.count());
              meanG = (float) (sums[0] / p.count());
            }
            for (int n = 0; n < p.batch; n++) {
              int at = p.at(n, c);
              K.centredCombine(
                  gs, g.offset() + at, xs, x.offset() + at, p.inner, mu, k, meanG, scale, out, at);
            }
          }
        });
    return dx;
  }

  static Tensor weightGrad(Tensor gradient, Tensor input, Tensor mean, Tensor invstd) {
    Tensor g = Dense.of(gradient);
    Tensor x = Dense.of(input);
    Planes p = Planes.of(x);
    float[] dw = new float[p.channels];
    ParallelRanges.run(
        p.channels,
        x.numel(),
        (from, to) -> {
          double[] sums = new double[2];
          for (int c = from; c < to; c++) {
            centredSums(
                g.storage().floats(),
                g.offset(),
                x.storage().floats(),
                x.offset(),
                p,
                c,
                value(mean, c),
                sums);
            dw[c] = (float) (sums[1] * value(invstd, c));
          }
        });
    return Tensor.fromArray(dw, p.channels);
  }

  // sums = {Σ g, Σ g·(x − mean)} over channel c, runs of at most RUN in float lanes
  private static void centredSums(
      float[] g, int gOff, float[] x, int xOff, Planes p, int c, float mean, double[] sums) {
    sums[0] = 0;
    sums[1] = 0;
    for (int n = 0; n < p.batch; n++) {
      int plane = p.at(n, c);
      for (int at = 0; at < p.inner; at += PlaneKernels.RUN) {
        int len = Math.min(PlaneKernels.RUN, p.inner - at);
        K.gradientSums(g, gOff + plane + at, x, xOff + plane + at, len, mean, sums);
      }
    }
  }

  private static float value(Tensor v, int c) {
    return v.storage().floats()[v.offset() + c * v.strides()[0]];
  }
}
