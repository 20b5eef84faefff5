package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** The operand checks every backend makes, with one wording. */
public final class KernelChecks {
  private KernelChecks() {}

  /** {@code src} must broadcast to {@code shape} (copies and in-place additions). */
  public static void broadcastInto(String op, Tensor src, int[] shape) {
    if (!Shape.expandable(src.shape(), shape)) {
      throw new IllegalArgumentException(
          op
              + ": shape "
              + Shape.format(src.shape())
              + " cannot be broadcast into shape "
              + Shape.format(shape));
    }
  }

  /** {@code g} must have {@code y}'s shape and type (the in-place gradient fast paths). */
  public static void sameShapeAndType(String op, Tensor y, Tensor g) {
    if (!Arrays.equals(y.shape(), g.shape()) || y.dtype() != g.dtype()) {
      throw new IllegalArgumentException(
          op
              + ": "
              + Shape.format(g.shape())
              + " "
              + g.dtype()
              + " does not fit "
              + Shape.format(y.shape())
              + " "
              + y.dtype());
    }
  }

  /** Log-softmax's gradient in place: {@code y} contiguous and floating, {@code g} like it. */
  public static void logSoftmaxGradient(Tensor y, Tensor g) {
    if (!Arrays.equals(y.shape(), g.shape())
        || y.dtype() != g.dtype()
        || !y.dtype().isFloatingPoint()
        || !y.isContiguous()) {
      throw new IllegalArgumentException(
          "logSoftmaxBackwardInPlace: "
              + Shape.format(g.shape())
              + " "
              + g.dtype()
              + " does not fit a contiguous "
              + Shape.format(y.shape())
              + " "
              + y.dtype());
    }
  }

  /** The shape of the concatenation of {@code parts} along {@code dim} (shapes already checked). */
  public static int[] catShape(List<Tensor> parts, int dim) {
    int[] shape = parts.get(0).shape();
    int total = 0;
    for (Tensor p : parts) {
      total += p.shape()[dim];
    }
    shape[dim] = total;
    return shape;
  }

  /** gather/scatterAdd: outside {@code dim}, the index may not be larger than the input. */
  public static void gatherIndexFits(int[] indexShape, int[] inputShape, int dim) {
    for (int d = 0; d < indexShape.length; d++) {
      if (d != dim && indexShape[d] > inputShape[d]) {
        throw new IndexOutOfBoundsException(
            "gather: index shape "
                + Shape.format(indexShape)
                + " exceeds input shape "
                + Shape.format(inputShape)
                + " in dimension "
                + d);
      }
    }
  }
}
