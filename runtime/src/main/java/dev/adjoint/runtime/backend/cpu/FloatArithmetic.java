package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The common case of training in {@code float32} without the general kernel's per-element
 * indirection: {@code + - * /} of contiguous {@code float32} tensors of one shape, or of such a
 * tensor and a scalar, as plain loops over the arrays. Java's {@code float} arithmetic rounds
 * exactly as the general kernel does (compute in double, round once), so the results are identical.
 */
final class FloatArithmetic {
  private FloatArithmetic() {}

  /** The result, or {@code null} when the operands are not of the simple kind. */
  static Tensor tryBinary(ElementwiseOp op, Tensor a, Tensor b, DType out) {
    if (out != DType.FLOAT32) {
      return null;
    }
    switch (op) {
      case ADD, SUBTRACT, MULTIPLY, DIVIDE -> {}
      default -> {
        return null;
      }
    }
    boolean aScalar = a.numel() == 1 && a.dim() <= b.dim();
    boolean bScalar = b.numel() == 1 && b.dim() <= a.dim();
    if (!aScalar && !bScalar) {
      if (!simple(a) || !simple(b) || !Arrays.equals(a.shape(), b.shape())) {
        return null;
      }
      return arrays(op, a, b);
    }
    Tensor big = aScalar && !bScalar ? b : a;
    Tensor scalar = big == a ? b : a;
    if (!simple(big)) {
      return null;
    }
    return withScalar(op, big, (float) scalar.storage().get(scalar.offset()), big == a);
  }

  private static boolean simple(Tensor t) {
    return t.dtype() == DType.FLOAT32 && t.isContiguous();
  }

  private static Tensor arrays(ElementwiseOp op, Tensor a, Tensor b) {
    Tensor result = Tensor.empty(DType.FLOAT32, a.shape());
    float[] r = result.storage().floats();
    float[] x = a.storage().floats();
    float[] y = b.storage().floats();
    int xo = a.offset();
    int yo = b.offset();
    ParallelRanges.elements(r.length, (lo, hi) -> arrays(op, x, xo, y, yo, r, lo, hi));
    return result;
  }

  // r[i] = x[xo + i] op y[yo + i] for i in [from, to)
  private static void arrays(
      ElementwiseOp op, float[] x, int xo, float[] y, int yo, float[] r, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          r[i] = x[xo + i] + y[yo + i];
        }
      }
      case SUBTRACT -> {
        for (int i = from; i < to; i++) {
          r[i] = x[xo + i] - y[yo + i];
        }
      }
      case MULTIPLY -> {
        for (int i = from; i < to; i++) {
          r[i] = x[xo + i] * y[yo + i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          r[i] = x[xo + i] / y[yo + i];
        }
      }
    }
  }

  // tensorFirst: big op s, else s op big
  private static Tensor withScalar(ElementwiseOp op, Tensor big, float s, boolean tensorFirst) {
    Tensor result = Tensor.empty(DType.FLOAT32, big.shape());
    float[] r = result.storage().floats();
    float[] x = big.storage().floats();
    int xo = big.offset();
    ParallelRanges.elements(r.length, (lo, hi) -> withScalar(op, x, xo, s, tensorFirst, r, lo, hi));
    return result;
  }

  // r[i] = x[xo + i] op s (or s op x[xo + i]) for i in [from, to)
  private static void withScalar(
      ElementwiseOp op,
      float[] x,
      int xo,
      float s,
      boolean tensorFirst,
      float[] r,
      int from,
      int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          r[i] = x[xo + i] + s;
        }
      }
      case MULTIPLY -> {
        for (int i = from; i < to; i++) {
          r[i] = x[xo + i] * s;
        }
      }
      case SUBTRACT -> {
        for (int i = from; i < to; i++) {
          r[i] = tensorFirst ? x[xo + i] - s : s - x[xo + i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          r[i] = tensorFirst ? x[xo + i] / s : s / x[xo + i];
        }
      }
    }
  }
}
