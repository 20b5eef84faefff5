package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Batch norm's kernels written as their formulas, in {@code double}, operands read through their
 * strides: the oracle for {@link FastBatchNorm}. The channel is dimension 1 of a tensor of any rank
 * ≥ 2; a channel's elements are all the others.
 */
final class ReferenceBatchNorm {
  private ReferenceBatchNorm() {}

  /** [2, C]: each channel's mean, then its biased variance (two passes). */
  static Tensor moments(Tensor x) {
    Channels ch = new Channels(x);
    Reader xs = new Reader(x);
    double[] mean = new double[ch.channels];
    double[] var = new double[ch.channels];
    for (int i = 0; i < ch.numel; i++) {
      mean[ch.channel(i)] += xs.get(i);
    }
    for (int c = 0; c < ch.channels; c++) {
      mean[c] /= ch.count;
    }
    for (int i = 0; i < ch.numel; i++) {
      double d = xs.get(i) - mean[ch.channel(i)];
      var[ch.channel(i)] += d * d;
    }
    double[] out = new double[2 * ch.channels];
    for (int c = 0; c < ch.channels; c++) {
      out[c] = mean[c];
      out[ch.channels + c] = var[c] / ch.count;
    }
    return Tensor.fromArray(x.dtype(), out, 2, ch.channels);
  }

  static Tensor forward(Tensor x, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    Channels ch = new Channels(x);
    Reader xs = new Reader(x);
    double[] y = new double[ch.numel];
    for (int i = 0; i < ch.numel; i++) {
      int c = ch.channel(i);
      y[i] = (xs.get(i) - at(mean, c)) * at(invstd, c) * at(weight, c) + at(bias, c);
    }
    return Tensor.fromArray(x.dtype(), y, x.shape());
  }

  static Tensor inputGrad(
      Tensor g, Tensor x, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    Channels ch = new Channels(x);
    Reader xs = new Reader(x);
    Reader gs = new Reader(g);
    double[] sumG = new double[ch.channels];
    double[] sumGX = new double[ch.channels];
    if (training) {
      for (int i = 0; i < ch.numel; i++) {
        int c = ch.channel(i);
        double gv = gs.get(i);
        sumG[c] += gv;
        sumGX[c] += gv * (xs.get(i) - at(mean, c));
      }
    }
    double[] dx = new double[ch.numel];
    for (int i = 0; i < ch.numel; i++) {
      int c = ch.channel(i);
      double s = at(invstd, c);
      double gv = gs.get(i);
      if (training) {
        double centred = xs.get(i) - at(mean, c);
        gv = gv - sumG[c] / ch.count - centred * s * s * sumGX[c] / ch.count;
      }
      dx[i] = gv * at(weight, c) * s;
    }
    return Tensor.fromArray(x.dtype(), dx, x.shape());
  }

  static Tensor weightGrad(Tensor g, Tensor x, Tensor mean, Tensor invstd) {
    Channels ch = new Channels(x);
    Reader xs = new Reader(x);
    Reader gs = new Reader(g);
    double[] dw = new double[ch.channels];
    for (int i = 0; i < ch.numel; i++) {
      int c = ch.channel(i);
      dw[c] += gs.get(i) * (xs.get(i) - at(mean, c)) * at(invstd, c);
    }
    return Tensor.fromArray(x.dtype(), dw, ch.channels);
  }

  private static double at(Tensor v, int c) {
    return v.storage().get(v.offset() + c * v.strides()[0]);
  }

  /** Where a tensor's elements fall: element i (row-major) is in channel {@link #channel}(i). */
  private static final class Channels {
    final int channels;
    final int inner;
    final int numel;
    final int count;

    Channels(Tensor x) {
      int[] shape = x.shape();
      channels = shape[1];
      numel = x.numel();
      inner = numel / Math.max(1, shape[0] * channels);
      count = numel / Math.max(1, channels);
    }

    int channel(int i) {
      return (i / inner) % channels;
    }
  }

  /** Element i (row-major) of a tensor of any strides. */
  private record Reader(Storage storage, Indexer indexer) {
    Reader(Tensor t) {
      this(t.storage(), Indexer.of(t, t.shape()));
    }

    double get(int i) {
      return storage.get(indexer.at(i));
    }
  }
}
