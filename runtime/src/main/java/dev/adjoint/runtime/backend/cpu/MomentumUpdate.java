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
 * bits are the same. Large parameters are split over the GEMM threads; elementwise, so the split
 * does not change a bit.
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
    DType type = param.dtype();
    if ((type != DType.FLOAT32 && type != DType.FLOAT64)
        || !fits(param, type)
        || !fits(grad, type)
        || !fits(buffer, type)
        || !Arrays.equals(param.shape(), grad.shape())
        || !Arrays.equals(param.shape(), buffer.shape())
        || param.storage() == grad.storage()
        || param.storage() == buffer.storage()
        || grad.storage() == buffer.storage()) {
      return false;
    }
    int n = param.numel();
    double keep = 1 - dampening;
    double step = -lr;
    int po = param.offset();
    int go = grad.offset();
    int bo = buffer.offset();
    GemmThreads.Parts body;
    if (type == DType.FLOAT32) {
      float[] p = param.storage().floats();
      float[] g = grad.storage().floats();
      float[] b = buffer.storage().floats();
      body =
          (part, parts) -> {
            int lo = Gemm.partStart(n, 64, part, parts);
            int hi = Gemm.partStart(n, 64, part + 1, parts);
            FloatOps.KERNELS.momentumStep(
                p, po + lo, g, go + lo, b, bo + lo, momentum, keep, step, hi - lo);
          };
    } else {
      double[] p = param.storage().doubles();
      double[] g = grad.storage().doubles();
      double[] b = buffer.storage().doubles();
      body =
          (part, parts) -> {
            int lo = Gemm.partStart(n, 64, part, parts);
            int hi = Gemm.partStart(n, 64, part + 1, parts);
            for (int i = lo; i < hi; i++) {
              double v = b[bo + i] * momentum + g[go + i] * keep;
              b[bo + i] = v;
              p[po + i] = p[po + i] + v * step;
            }
          };
    }
    if (n >= FloatFastPaths.PARALLEL_ELEMENTS && GemmThreads.tryAcquire()) {
      try {
        GemmThreads.run(body, GemmThreads.limit() * Gemm.PARTS_PER_THREAD);
      } finally {
        GemmThreads.release();
      }
    } else {
      body.run(0, 1);
    }
    param.storage().bumpVersion();
    buffer.storage().bumpVersion();
    return true;
  }

  private static boolean fits(Tensor t, DType type) {
    return t.dtype() == type && t.isContiguous() && !t.isCuda();
  }
}
