package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The reference backend's reductions (sum and max over dimensions) and softmax: plain loops in
 * element order, the oracle the fast paths are checked against.
 */
final class CpuReductions {
  private CpuReductions() {}

  /**
   * Sums ({@code max} false) or maxima of {@code x} over {@code dims}; a NaN wins a maximum, as in
   * PyTorch.
   */
  static Tensor reduce(Tensor x, int[] dims, boolean keepDim, boolean max) {
    int[] shape = x.shape();
    int[] kept = Shape.reduce(shape, dims, true);
    int[] keptStrides = Shape.contiguousStrides(kept);
    for (int d : dims) {
      keptStrides[d] = 0;
    }
    double[] acc = new double[Shape.numel(kept)];
    if (max) {
      java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
    }
    // float32 sums accumulate in float, element by element: the order in which PyTorch computed
    // the reference numbers (REFERENCE.md R4), and what a float kernel is checked against
    boolean single = x.dtype() == DType.FLOAT32;
    Indexer xi = Indexer.of(x, shape);
    Indexer oi = Indexer.of(0, shape, keptStrides, shape);
    Storage xs = x.storage();
    for (int i = 0, n = Shape.numel(shape); i < n; i++) {
      double v = xs.get(xi.at(i));
      int o = oi.at(i);
      if (!max) {
        acc[o] = single ? (float) (acc[o] + v) : acc[o] + v;
      } else if (v > acc[o] || Double.isNaN(v)) {
        acc[o] = Double.isNaN(acc[o]) ? acc[o] : v;
      }
    }
    DType out = x.dtype().isFloatingPoint() ? x.dtype() : (max ? x.dtype() : DType.INT64);
    Tensor result = Tensor.empty(out, Shape.reduce(shape, dims, keepDim));
    for (int i = 0; i < acc.length; i++) {
      result.storage().set(i, acc[i]);
    }
    return result;
  }

  /** Softmax, or log-softmax, of {@code x} along {@code dim}. */
  static Tensor softmax(Tensor x, int dim, boolean log) {
    int[] shape = x.shape();
    double[] v = x.toArray();
    int size = shape.length == 0 ? 1 : shape[dim];
    int inner = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    int outer = size == 0 ? 0 : v.length / (size * inner);
    for (int o = 0; o < outer; o++) {
      for (int in = 0; in < inner; in++) {
        int base = o * size * inner + in;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
          max = Math.max(max, v[base + j * inner]);
        }
        // no shift of ±∞ to 0: x − max is then NaN where PyTorch's is, and the whole row NaN with
        // it
        double sum = 0;
        for (int j = 0; j < size; j++) {
          sum += Math.exp(v[base + j * inner] - max);
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < size; j++) {
          int at = base + j * inner;
          v[at] = log ? v[at] - max - logSum : Math.exp(v[at] - max) / sum;
        }
      }
    }
    DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
    return Tensor.fromArray(out, v, shape);
  }
}
