package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.cpu.CpuBackend;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch norm's kernels of the CUDA backend against the CPU backend's, float32 and float64, training
 * and evaluation, ranks 2 to 4, channels long enough to be summed in many runs, with the input and
 * the gradient in every {@link Pair} layout and the [C] vectors contiguous, in a window or strided.
 * Each kernel reads the CPU's statistics on both sides, so that it is compared alone. Bounds as
 * {@link Agreement#summed}, with {@code Σ|term|} written out per formula below.
 */
abstract class NormAgreement {
  static final NnKernels CPU = CpuBackend.INSTANCE.nn();
  static final double EPS = 1e-5;

  final Random random = new Random(20261205);

  abstract CudaBackend gpu();

  static Stream<Arguments> batchNorms() {
    int[][] shapes = {
      {4, 3}, {2, 5, 7}, {2, 3, 4, 5}, {3, 17, 5, 3}, {1, 2, 3, 3}, {8, 16, 9, 9}, {2, 3, 40, 30}
    };
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      for (DType type : BackendAgreement.FLOATS) {
        out.add(
            Arguments.of(2 * i + type.ordinal(), type, shapes[i], (i + type.ordinal()) % 2 == 0));
      }
    }
    return out.stream();
  }

  /** A [C] vector of {@code values}: contiguous, a window (offset 2), or a column (stride 3). */
  private Pair vector(DType type, double[] values, int layout) {
    int c = values.length;
    return switch (layout % 3) {
      case 1 -> {
        double[] wide = new double[c + 3];
        System.arraycopy(values, 0, wide, 2, c);
        Pair base = Pair.of(gpu(), Tensor.fromArray(type, wide, c + 3));
        yield new Pair(Views.narrow(base.cpu(), 0, 2, c), Views.narrow(base.gpu(), 0, 2, c));
      }
      case 2 -> {
        double[] matrix = new double[3 * c];
        for (int i = 0; i < c; i++) {
          matrix[3 * i + 1] = values[i];
        }
        Pair base = Pair.of(gpu(), Tensor.fromArray(type, matrix, c, 3));
        yield new Pair(Views.select(base.cpu(), 1, 1), Views.select(base.gpu(), 1, 1));
      }
      default -> Pair.of(gpu(), Tensor.fromArray(type, values, c));
    };
  }

  private double[] uniform(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = -2 + 4 * random.nextDouble();
    }
    return v;
  }

  @ParameterizedTest(name = "{1} {2} training {3}")
  @MethodSource("batchNorms")
  void batchNormAndItsGradients(int index, DType type, int[] shape, boolean training) {
    int channels = shape[1];
    Pair x = Pair.laidOut(gpu(), random, type, shape, index % 4, 1, 5);
    Tensor moments = CPU.batchNormMoments(x.cpu());
    Statistics s = new Statistics(x.cpu().toArray(), shape, moments.toArray());
    Agreement.summed(
        "moments", moments, gpu().nn().batchNormMoments(x.gpu()), s.count, s.momentBounds());
    double[] invstd = new double[channels];
    for (int c = 0; c < channels; c++) {
      invstd[c] = 1 / Math.sqrt(s.var[c] + EPS);
    }
    Pair mean = vector(type, s.mean, index);
    Pair inv = vector(type, invstd, index + 1);
    Pair w = vector(type, uniform(channels), index + 2);
    Pair b = vector(type, uniform(channels), index);
    double[] wv = w.cpu().toArray();
    double[] bv = b.cpu().toArray();
    double[] sv = inv.cpu().toArray();
    Agreement.summed(
        "forward",
        CPU.batchNorm(x.cpu(), w.cpu(), b.cpu(), mean.cpu(), inv.cpu()),
        gpu().nn().batchNorm(x.gpu(), w.gpu(), b.gpu(), mean.gpu(), inv.gpu()),
        3,
        s.forwardBounds(wv, bv, sv));
    Pair g = Pair.laidOut(gpu(), random, type, shape, index % 4 + 1, -2, 2);
    double[] gv = g.cpu().toArray();
    Agreement.summed(
        "input gradient",
        CPU.batchNormInputGrad(g.cpu(), x.cpu(), w.cpu(), mean.cpu(), inv.cpu(), training),
        gpu().nn().batchNormInputGrad(g.gpu(), x.gpu(), w.gpu(), mean.gpu(), inv.gpu(), training),
        training ? s.count + 3 : 2,
        s.inputGradBounds(gv, wv, sv, training));
    Agreement.summed(
        "weight gradient",
        CPU.batchNormWeightGrad(g.cpu(), x.cpu(), mean.cpu(), inv.cpu()),
        gpu().nn().batchNormWeightGrad(g.gpu(), x.gpu(), mean.gpu(), inv.gpu()),
        s.count + 1,
        s.weightGradBounds(gv, sv));
  }

  /**
   * An input's elements by channel, with the CPU's moments: the {@code Σ|term|} of each kernel's
   * sums, element by element (or channel by channel).
   */
  private static final class Statistics {
    final double[] x;
    final int channels;
    final int inner;
    final int count;
    final double[] mean;
    final double[] var;

    Statistics(double[] x, int[] shape, double[] moments) {
      this.x = x;
      channels = shape[1];
      inner = x.length / (shape[0] * channels);
      count = x.length / channels;
      mean = java.util.Arrays.copyOfRange(moments, 0, channels);
      var = java.util.Arrays.copyOfRange(moments, channels, 2 * channels);
    }

    int channel(int i) {
      return (i / inner) % channels;
    }

    // means: Σ|x|/n; variances: Σ(x − mean)²/n, a sum of positive terms
    double[] momentBounds() {
      double[] out = new double[2 * channels];
      for (int i = 0; i < x.length; i++) {
        out[channel(i)] += Math.abs(x[i]) / count;
      }
      System.arraycopy(var, 0, out, channels, channels);
      return out;
    }

    // (x − μ)·s·w + b, as the CPU's float path computes x·(s·w) + (b − μ·s·w)
    double[] forwardBounds(double[] w, double[] b, double[] s) {
      double[] out = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        int c = channel(i);
        out[i] = (Math.abs(x[i]) + Math.abs(mean[c])) * Math.abs(s[c] * w[c]) + Math.abs(b[c]);
      }
      return out;
    }

    // |s·w|·(|g| + Σ|g|/n + (|x| + |μ|)·s²·Σ|g·(x − μ)|/n); in evaluation |g·w·s|
    double[] inputGradBounds(double[] g, double[] w, double[] s, boolean training) {
      double[] sumG = new double[channels];
      double[] sumGx = new double[channels];
      for (int i = 0; i < x.length; i++) {
        int c = channel(i);
        sumG[c] += Math.abs(g[i]);
        sumGx[c] += Math.abs(g[i] * (x[i] - mean[c]));
      }
      double[] out = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        int c = channel(i);
        double scale = Math.abs(s[c] * w[c]);
        out[i] =
            training
                ? scale
                    * (Math.abs(g[i])
                        + sumG[c] / count
                        + (Math.abs(x[i]) + Math.abs(mean[c])) * s[c] * s[c] * sumGx[c] / count)
                : scale * Math.abs(g[i]);
      }
      return out;
    }

    // Σ|g·(x − μ)·s|
    double[] weightGradBounds(double[] g, double[] s) {
      double[] out = new double[channels];
      for (int i = 0; i < x.length; i++) {
        int c = channel(i);
        out[c] += Math.abs(g[i] * (x[i] - mean[c]) * s[c]);
      }
      return out;
    }
  }
}
