package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The shapes of PyTorch's {@code matmul(a, b)}, checked, for every backend: a 1-D {@code a} is a
 * row, a 1-D {@code b} a column, leading dimensions broadcast as a batch, integer operands multiply
 * as float32.
 *
 * @param dtype the type both operands are converted to and the result has
 * @param m rows of each product
 * @param k the inner size
 * @param n columns of each product
 * @param batch the broadcast batch shape
 * @param outShape {@code batch} then {@code [m, n]} (before 1-D operands' dimensions are dropped)
 */
public record MatmulShape(DType dtype, int m, int k, int n, int[] batch, int[] outShape) {
  /** The shapes of {@code a.matmul(b)}, or the CPU backend's error for operands that do not fit. */
  public static MatmulShape of(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    if (a.dim() == 0 || b.dim() == 0) {
      throw new IllegalArgumentException(
          "matmul: both operands need at least one dimension, got shapes "
              + Shape.format(as)
              + " and "
              + Shape.format(bs));
    }
    DType dtype = DType.promote(a.dtype(), b.dtype());
    if (!dtype.isFloatingPoint()) {
      dtype = DType.FLOAT32;
    }
    int[] a2 = a.dim() == 1 ? new int[] {1, as[0]} : as;
    int[] b2 = b.dim() == 1 ? new int[] {bs[0], 1} : bs;
    int m = a2[a2.length - 2];
    int k = a2[a2.length - 1];
    int n = b2[b2.length - 1];
    if (b2[b2.length - 2] != k) {
      throw new IllegalArgumentException(
          "matmul: shapes "
              + Shape.format(as)
              + " and "
              + Shape.format(bs)
              + " cannot be multiplied ("
              + k
              + " != "
              + b2[b2.length - 2]
              + ")");
    }
    int[] batch =
        Shape.broadcast(
            "matmul", Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
    int[] outShape = Arrays.copyOf(batch, batch.length + 2);
    outShape[batch.length] = m;
    outShape[batch.length + 1] = n;
    return new MatmulShape(dtype, m, k, n, batch, outShape);
  }
}
