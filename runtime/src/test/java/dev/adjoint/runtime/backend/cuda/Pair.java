package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.Random;

/**
 * One operand twice: on the host and on a GPU, with the same layout (the same view of the same
 * elements), so that a kernel's strided and broadcast paths are compared with the CPU backend's.
 */
record Pair(Tensor cpu, Tensor gpu) {
  /** Random values in [lo, hi) (integers for int64, 0/1 for bool) of {@code shape}. */
  static Tensor random(Random random, DType dtype, int[] shape, double lo, double hi) {
    double[] v = new double[Shape.numel(shape)];
    for (int i = 0; i < v.length; i++) {
      double u = lo + (hi - lo) * random.nextDouble();
      v[i] =
          switch (dtype) {
            case BOOL -> random.nextBoolean() ? 1 : 0;
            case INT64 -> Math.floor(u);
            default -> u;
          };
    }
    return Tensor.fromArray(dtype, v, shape);
  }

  /** {@code host} uploaded to {@code gpu} as a contiguous tensor. */
  static Pair of(CudaBackend gpu, Tensor host) {
    return new Pair(host, gpu.upload(host));
  }

  /**
   * A pair of {@code shape} laid out one of four ways, chosen by {@code layout}: contiguous, a
   * transposed view, a narrowed view of a larger tensor, or (where a size is 1) a broadcast.
   */
  static Pair laidOut(
      CudaBackend gpu, Random random, DType dtype, int[] shape, int layout, double lo, double hi) {
    int rank = shape.length;
    switch (layout % 4) {
      case 1 -> {
        if (rank >= 2) {
          int[] swapped = shape.clone();
          swapped[0] = shape[rank - 1];
          swapped[rank - 1] = shape[0];
          Pair base = of(gpu, random(random, dtype, swapped, lo, hi));
          return new Pair(
              Views.transpose(base.cpu, 0, rank - 1), Views.transpose(base.gpu, 0, rank - 1));
        }
      }
      case 2 -> {
        if (rank >= 1) {
          int[] wider = shape.clone();
          wider[rank - 1] += 3;
          Pair base = of(gpu, random(random, dtype, wider, lo, hi));
          return new Pair(
              Views.narrow(base.cpu, rank - 1, 2, shape[rank - 1]),
              Views.narrow(base.gpu, rank - 1, 2, shape[rank - 1]));
        }
      }
      case 3 -> {
        for (int d = 0; d < rank; d++) {
          if (shape[d] > 1) {
            int[] one = shape.clone();
            one[d] = 1;
            Pair base = of(gpu, random(random, dtype, one, lo, hi));
            return new Pair(Views.expand(base.cpu, shape), Views.expand(base.gpu, shape));
          }
        }
      }
      default -> {
        // contiguous, below
      }
    }
    return of(gpu, random(random, dtype, shape, lo, hi));
  }
}
