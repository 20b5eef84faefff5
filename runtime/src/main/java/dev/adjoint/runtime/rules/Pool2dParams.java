package dev.adjoint.runtime.rules;

/**
 * The constant parameters of a 2-D max or average pooling, per spatial side (height first), as
 * {@code torch.nn.functional.max_pool2d} and {@code avg_pool2d} take them: output pixel {@code (i,
 * j)} pools the taps {@code (i·strideH − padH + a·dilationH, j·strideW − padW + b·dilationW)} for
 * {@code a < kernelH, b < kernelW}.
 *
 * <p>Kernels of every backend receive this record; the {@link OpParams} of {@link
 * TensorOp#MAX_POOL2D} and {@link TensorOp#AVG_POOL2D} carry the same numbers ({@link #toOpParams},
 * {@link #of}), the two flags as 0 or 1. The operations' entry points check the ranges below before
 * a kernel sees them.
 *
 * @param kernelH window rows (≥ 1)
 * @param kernelW window columns (≥ 1)
 * @param strideH rows between two windows (≥ 1)
 * @param strideW columns between two windows (≥ 1)
 * @param padH implicit rows above and below (≥ 0, at most kernelH / 2): −∞ for max, 0 for average
 * @param padW implicit columns left and right (≥ 0, at most kernelW / 2)
 * @param dilationH rows between two taps (≥ 1; average pooling has 1)
 * @param dilationW columns between two taps (≥ 1; average pooling has 1)
 * @param ceilMode output sizes rounded up instead of down, so that a last partial window counts
 *     when it starts inside the input or its left padding
 * @param countIncludePad average pooling only: divide by the whole window, padding included
 *     (clipped at the far padding edge, as PyTorch), instead of by the taps inside the input
 */
public record Pool2dParams(
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    int padH,
    int padW,
    int dilationH,
    int dilationW,
    boolean ceilMode,
    boolean countIncludePad) {
  /** The parameters read back from a pooling application's {@link OpParams}. */
  public static Pool2dParams of(OpParams p) {
    return new Pool2dParams(
        p.integer(0),
        p.integer(1),
        p.integer(2),
        p.integer(3),
        p.integer(4),
        p.integer(5),
        p.integer(6),
        p.integer(7),
        p.integer(8) != 0,
        p.integer(9) != 0);
  }

  /**
   * {@code ints = {kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, ceilMode,
   * countIncludePad}}.
   */
  public OpParams toOpParams() {
    return OpParams.ints(
        kernelH,
        kernelW,
        strideH,
        strideW,
        padH,
        padW,
        dilationH,
        dilationW,
        ceilMode ? 1 : 0,
        countIncludePad ? 1 : 0);
  }

  /** Output rows for {@code height} input rows (may be ≤ 0 when the window does not fit). */
  public int outputHeight(int height) {
    return outputSize(height, kernelH, strideH, padH, dilationH, ceilMode);
  }

  /** Output columns for {@code width} input columns. */
  public int outputWidth(int width) {
    return outputSize(width, kernelW, strideW, padW, dilationW, ceilMode);
  }

  // PyTorch's pooling_output_shape: ⌊(in + 2·pad − dilation·(kernel − 1) − 1 (+ stride − 1 when
  // ceil)) / stride⌋ + 1, less one when ceil mode would start the last window in the far padding
  private static int outputSize(
      int in, int kernel, int stride, int pad, int dilation, boolean ceil) {
    int out =
        Math.floorDiv(in + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0), stride)
            + 1;
    if (ceil && (out - 1) * stride >= in + pad) {
      out--;
    }
    return out;
  }
}
