package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.tensor.DeviceStorage;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Index arithmetic the kernels are handed: operands' strides broadcast to a result's shape, and
 * dimensions merged where every operand walks them as one (so most launches see one or two
 * dimensions, and at most {@link KernelLayouts#MAX_DIMS}).
 */
final class Layouts {
  private Layouts() {}

  /** A shape and, per operand, its strides over it. */
  record Merged(int[] shape, int[][] strides) {
    /** Whether operand {@code k} lies contiguously in the order of the shape. */
    boolean dense(int k) {
      int expected = 1;
      for (int d = shape.length - 1; d >= 0; d--) {
        if (strides[k][d] != expected) {
          return false;
        }
        expected *= shape[d];
      }
      return true;
    }
  }

  /** {@code t}'s strides broadcast to {@code shape} (0 where it is broadcast or of size 1). */
  static int[] broadcastStrides(Tensor t, int[] shape) {
    int[] from = t.shape();
    int[] st = t.strides();
    int[] out = new int[shape.length];
    int lead = shape.length - from.length;
    for (int d = 0; d < from.length; d++) {
      out[lead + d] = from[d] == 1 ? 0 : st[d];
    }
    return out;
  }

  /**
   * Drops dimensions of size 1 and merges neighbours {@code d, d+1} where every operand has {@code
   * stride[d] == stride[d+1]·shape[d+1]}.
   */
  static Merged merge(int[] shape, int[][] strides) {
    int n = strides.length;
    int[] s = new int[shape.length];
    int[][] st = new int[n][shape.length];
    int rank = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) {
        continue;
      }
      boolean joins = rank > 0;
      for (int k = 0; joins && k < n; k++) {
        joins = st[k][rank - 1] == strides[k][d] * shape[d];
      }
      if (joins) {
        s[rank - 1] *= shape[d];
        for (int k = 0; k < n; k++) {
          st[k][rank - 1] = strides[k][d];
        }
      } else {
        s[rank] = shape[d];
        for (int k = 0; k < n; k++) {
          st[k][rank] = strides[k][d];
        }
        rank++;
      }
    }
    int[][] out = new int[n][];
    for (int k = 0; k < n; k++) {
      out[k] = Arrays.copyOf(st[k], rank);
    }
    return new Merged(Arrays.copyOf(s, rank), out);
  }

  /** The device address of {@code t}'s storage (element 0 of the storage, not of the view). */
  static long address(Tensor t) {
    if (!(t.storage() instanceof DeviceStorage d)) {
      throw new IllegalStateException("a host tensor reached a CUDA kernel");
    }
    return d.buffer().address();
  }

  static void checkRank(String op, int rank) {
    if (rank > KernelLayouts.MAX_DIMS) {
      throw new IllegalArgumentException(
          op
              + ": the CUDA kernels take at most "
              + KernelLayouts.MAX_DIMS
              + " dimensions that do not merge, got "
              + rank
              + " (make the tensor contiguous, or reshape it to fewer dimensions)");
    }
  }
}
