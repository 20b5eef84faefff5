package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * PyTorch's {@code flatten(start, end)}: dimensions {@code start..end} merged into one. A view
 * whenever those dimensions are laid out one inside the other (any contiguous tensor, and strided
 * ones such as a slice of the batch), else a copy, as {@code reshape}; recorded as a reshape.
 */
public final class Flattening {
  private Flattening() {}

  public static Tensor flatten(Tensor x, int startDim, int endDim) {
    if (x.dim() == 0) {
      return ShapeOps.reshape(x, new int[] {1}, false);
    }
    int start = Shape.normalizeDim("flatten", startDim, x.dim());
    int end = Shape.normalizeDim("flatten", endDim, x.dim());
    if (start > end) {
      throw new IllegalArgumentException(
          "flatten: startDim "
              + startDim
              + " comes after endDim "
              + endDim
              + " for a tensor of shape "
              + Shape.format(x.shape()));
    }
    if (start == end) {
      return x;
    }
    int[] shape = x.shape();
    int[] strides = x.strides();
    int merged = 1;
    for (int d = start; d <= end; d++) {
      merged *= shape[d];
    }
    int[] newShape = new int[shape.length - (end - start)];
    System.arraycopy(shape, 0, newShape, 0, start);
    newShape[start] = merged;
    System.arraycopy(shape, end + 1, newShape, start + 1, shape.length - end - 1);
    Integer stride = mergedStride(shape, strides, start, end);
    if (x.isContiguous() || stride == null) {
      return ShapeOps.reshape(x, newShape, false);
    }
    int[] newStrides = new int[newShape.length];
    System.arraycopy(strides, 0, newStrides, 0, start);
    newStrides[start] = stride;
    System.arraycopy(strides, end + 1, newStrides, start + 1, shape.length - end - 1);
    Tensor y = Tensor.view(x.storage(), x.offset(), newShape, newStrides);
    return Ops.record(TensorOp.RESHAPE, OpParams.none(), y, x);
  }

  // the stride of dims start..end seen as one (the innermost one's), or null when some outer
  // dimension does not step over exactly the inner ones; dimensions of size 1 take no part
  private static Integer mergedStride(int[] shape, int[] strides, int start, int end) {
    int[] sizes = Arrays.copyOfRange(shape, start, end + 1);
    int[] steps = Arrays.copyOfRange(strides, start, end + 1);
    Integer inner = null;
    int innerSize = 1;
    for (int d = sizes.length - 1; d >= 0; d--) {
      if (sizes[d] == 1) {
        continue;
      }
      if (inner != null && steps[d] != inner * innerSize) {
        return null;
      }
      inner = steps[d];
      innerSize = sizes[d];
    }
    return inner == null ? 1 : inner;
  }
}
