package dev.adjoint.runtime.tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * The argument checks of {@link Tensor}'s factories and setters, each throwing a message that names
 * the call, both shapes (and types) and, where there is one, the fix.
 */
final class TensorChecks {
  private TensorChecks() {}

  /** A copy of {@code shape}, which must have no negative dimension. */
  static int[] shape(int[] shape) {
    int[] s = shape.clone();
    for (int size : s) {
      if (size < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Shape.format(s));
      }
    }
    return s;
  }

  /** {@code grad} (not null) can be {@code target}'s gradient: same shape and type. */
  static void gradientFits(Tensor target, Tensor grad) {
    if (!Arrays.equals(grad.shape(), target.shape())) {
      throw new IllegalArgumentException(
          "setGrad: gradient of shape "
              + Shape.format(grad.shape())
              + " for a tensor of shape "
              + Shape.format(target.shape()));
    }
    if (grad.dtype() != target.dtype()) {
      // as PyTorch: an optimizer would otherwise mix the two types in its update
      throw new IllegalArgumentException(
          "setGrad: gradient of type "
              + grad.dtype().name().toLowerCase(Locale.ROOT)
              + " for a tensor of type "
              + target.dtype().name().toLowerCase(Locale.ROOT)
              + " and shape "
              + Shape.format(target.shape())
              + ": convert it first with grad.to(DType."
              + target.dtype().name()
              + ")");
    }
  }

  /**
   * {@code data} can replace {@code target}'s elements ({@link Tensor#setData}): same shape and
   * type, and {@code target} a leaf.
   */
  static void replacementFits(Tensor target, Tensor data) {
    if (!Arrays.equals(data.shape(), target.shape()) || data.dtype() != target.dtype()) {
      throw new IllegalArgumentException(
          "setData: "
              + data.dtype().displayName()
              + " "
              + Shape.format(data.shape())
              + " for a tensor of "
              + target.dtype().displayName()
              + " "
              + Shape.format(target.shape()));
    }
    if (!target.isLeaf()) {
      throw new IllegalStateException(
          "setData: only a leaf's data can be replaced (this tensor was computed by "
              + target.gradFn().name()
              + ")");
    }
  }
}
