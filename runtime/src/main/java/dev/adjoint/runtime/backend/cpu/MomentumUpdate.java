package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * SGD with momentum's update of one parameter in one pass over parameter, gradient and buffer:
 *
 * <pre>
 * b ← μ·b + (1 − τ)·g
 * p ← p − lr·b
 * </pre>
 *
 * where the unfused update ({@code b.mulInPlace(μ).addInPlace(g, 1 − τ)}, then {@code
 * p.addInPlace(b, −lr)}) reads and writes the buffer twice and walks three arrays in three loops.
 * Each step is rounded as the unfused kernels round it (computed in double, rounded once to the
 * element type; float32 vectorised in double lanes, {@link FloatOpsKernels#momentumStep}), so the
 * bits are the same. Large parameters are split over the GEMM threads, and {@link MomentumBatch}
 * updates many parameters in one split pass; elementwise, so no split changes a bit.
 */
public final class MomentumUpdate {
  private MomentumUpdate() {}

  /**
   * Updates {@code param} and {@code buffer} in place and returns true; false (nothing written)
   * unless all three are contiguous CPU tensors of one shape and one dtype, float32 or float64, and
   * three distinct arrays.
   */
  public static boolean apply(
      Tensor param, Tensor grad, Tensor buffer, double lr, double momentum, double dampening) {
    if (!applies(param, grad, buffer)) {
      return false;
    }
    ParallelRanges.elements(
        param.numel(), (lo, hi) -> update(param, grad, buffer, lr, momentum, dampening, lo, hi));
    param.storage().bumpVersion();
    buffer.storage().bumpVersion();
    return true;
  }

  /**
   * Whether {@link #apply} takes these operands: contiguous CPU tensors of one shape and one dtype,
   * float32 or float64, in three distinct arrays.
   */
  static boolean applies(Tensor param, Tensor grad, Tensor buffer) {
    DType type = param.dtype();
    return (type == DType.FLOAT32 || type == DType.FLOAT64)
        && fits(param, type)
        && fits(grad, type)
        && fits(buffer, type)
        && Arrays.equals(param.shape(), grad.shape())
        && Arrays.equals(param.shape(), buffer.shape())
        && param.storage() != grad.storage()
        && param.storage() != buffer.storage()
        && grad.storage() != buffer.storage();
  }

  /** The update of elements {@code [lo, hi)} of operands {@link #applies} accepts. */
  static void update(
      Tensor param,
      Tensor grad,
      Tensor buffer,
      double lr,
      double momentum,
      double dampening,
      int lo,
      int hi) {
    double keep = 1 - dampening;
    double step = -lr;
    int po = param.offset();
    int go = grad.offset();
    int bo = buffer.offset();
    if (param.dtype() == DType.FLOAT32) {
      float[] p = param.storage().floats();
      float[] g = grad.storage().floats();
      float[] b = buffer.storage().floats();
      FloatOps.KERNELS.momentumStep(
          p, po + lo, g, go + lo, b, bo + lo, momentum, keep, step, hi - lo);
    } else {
      double[] p = param.storage().doubles();
      double[] g = grad.storage().doubles();
      double[] b = buffer.storage().doubles();
      for (int i = lo; i < hi; i++) {
        double v = b[bo + i] * momentum + g[go + i] * keep;
        b[bo + i] = v;
        p[po + i] = p[po + i] + v * step;
      }
    }
  }

  private static boolean fits(Tensor t, DType type) {
    return t.dtype() == type && t.isContiguous() && !t.isCuda();
  }
}
