package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The masks of a training step over contiguous {@code float32} tensors: comparisons into a bool
 * tensor ({@code x > 0} for relu's gradient) and {@code where} selections by such a mask. As in
 * {@link FloatFastPaths}, each method returns {@code null} when its operands are not of the simple
 * kind, and then the general kernel runs; results are bit for bit the general kernel's.
 */
final class FloatMaskFastPaths {
  private FloatMaskFastPaths() {}

  /**
   * {@code a rel b} for a contiguous float32 {@code a} and a scalar {@code b} (any type, compared
   * in double as the general kernel does) or a contiguous float32 {@code b} of a's shape.
   */
  static Tensor compare(Relation rel, Tensor a, Tensor b) {
    if (!FloatFastPaths.simple(a)) {
      return null;
    }
    boolean same = FloatFastPaths.simple(b) && Arrays.equals(a.shape(), b.shape());
    if (!same && !FloatFastPaths.scalarLike(b, a.dim())) {
      return null;
    }
    Tensor result = Tensor.empty(DType.BOOL, a.shape());
    boolean[] r = result.storage().booleans();
    float[] x = a.storage().floats();
    int xo = a.offset();
    int n = r.length;
    if (same) {
      float[] y = b.storage().floats();
      int yo = b.offset();
      ParallelRanges.elements(
          n,
          (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
              r[i] = holds(rel, x[xo + i], y[yo + i]);
            }
          });
      return result;
    }
    double w = b.storage().get(b.offset());
    float wf = (float) w;
    if (wf == w) {
      // w is a float (relu's 0): comparing the float x with it as a float is the same relation
      // as comparing (double) x with w, and vectorises
      ParallelRanges.elements(
          n, (lo, hi) -> FloatOps.KERNELS.compare(rel, x, xo + lo, wf, r, lo, hi - lo));
      return result;
    }
    switch (rel) {
      case GREATER -> {
        for (int i = 0; i < n; i++) {
          r[i] = x[xo + i] > w;
        }
      }
      case GREATER_OR_EQUAL -> {
        for (int i = 0; i < n; i++) {
          r[i] = x[xo + i] >= w;
        }
      }
      case EQUAL -> {
        for (int i = 0; i < n; i++) {
          r[i] = x[xo + i] == w;
        }
      }
    }
    return result;
  }

  private static boolean holds(Relation rel, float x, float y) {
    return switch (rel) {
      case GREATER -> x > y;
      case GREATER_OR_EQUAL -> x >= y;
      case EQUAL -> x == y;
    };
  }

  /**
   * {@code cond ? a : b} into float32, with a contiguous bool {@code cond} of the result's shape
   * and each arm a contiguous float32 tensor of that shape or a scalar (a wrapped number).
   */
  static Tensor where(Tensor cond, Tensor a, Tensor b, DType out) {
    if (out != DType.FLOAT32 || cond.dtype() != DType.BOOL || !cond.isContiguous()) {
      return null;
    }
    int[] shape = cond.shape();
    int rank = shape.length;
    if (!arm(a, shape) || !arm(b, shape)) {
      return null;
    }
    Tensor result = Tensor.empty(DType.FLOAT32, shape);
    float[] r = result.storage().floats();
    boolean[] c = cond.storage().booleans();
    int co = cond.offset();
    boolean aScalar = !(FloatFastPaths.simple(a) && Arrays.equals(a.shape(), shape));
    boolean bScalar = !(FloatFastPaths.simple(b) && Arrays.equals(b.shape(), shape));
    int n = r.length;
    if (aScalar || bScalar) {
      if (aScalar && bScalar) {
        float va = (float) a.storage().get(a.offset());
        float vb = (float) b.storage().get(b.offset());
        for (int i = 0; i < n; i++) {
          r[i] = c[co + i] ? va : vb;
        }
      } else if (bScalar) {
        float vb = (float) b.storage().get(b.offset());
        float[] x = a.storage().floats();
        int xo = a.offset();
        ParallelRanges.elements(
            n, (lo, hi) -> FloatOps.KERNELS.select(c, co + lo, x, xo + lo, vb, r, lo, hi - lo));
      } else {
        float va = (float) a.storage().get(a.offset());
        float[] y = b.storage().floats();
        int yo = b.offset();
        for (int i = 0; i < n; i++) {
          r[i] = c[co + i] ? va : y[yo + i];
        }
      }
      return result;
    }
    float[] x = a.storage().floats();
    float[] y = b.storage().floats();
    int xo = a.offset();
    int yo = b.offset();
    ParallelRanges.elements(
        n, (lo, hi) -> FloatOps.KERNELS.select(c, co + lo, x, xo + lo, y, yo + lo, r, lo, hi - lo));
    return result;
  }

  // a where arm: contiguous float32 of the shape, or a scalar (its value is rounded on store, as
  // the general kernel rounds it)
  private static boolean arm(Tensor t, int[] shape) {
    return FloatFastPaths.simple(t) && Arrays.equals(t.shape(), shape)
        || FloatFastPaths.scalarLike(t, shape.length);
  }
}
