package dev.adjoint.runtime.rules;

/**
 * The constant parameters of a 2-D convolution, per spatial side (height first), as {@code
 * torch.nn.functional.conv2d} takes them: output pixel {@code (i, j)} of a channel in group {@code
 * g} sums {@code x[c, i·strideH − padH + a·dilationH, j·strideW − padW + b·dilationW] · w[o, c, a,
 * b]} over the group's input channels {@code c} and the kernel's taps {@code (a, b)}; taps that
 * fall in the padding read 0.
 *
 * <p>Kernels of every backend receive this record; {@link TensorOp#CONV2D}'s {@link OpParams} carry
 * the same seven numbers ({@link #toOpParams}, {@link #of}). The operation's entry point checks the
 * ranges below before a kernel sees them.
 *
 * @param strideH rows between the windows of two output rows (≥ 1)
 * @param strideW columns between the windows of two output columns (≥ 1)
 * @param padH zero rows above and below the input (≥ 0)
 * @param padW zero columns left and right of the input (≥ 0)
 * @param dilationH rows between two taps of the kernel (≥ 1)
 * @param dilationW columns between two taps of the kernel (≥ 1)
 * @param groups the channel groups: input and output channels are split into this many groups and
 *     group g's outputs read only group g's inputs (groups = channels: depthwise)
 */
public record Conv2dParams(
    int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {
  /** The parameters read back from a {@link TensorOp#CONV2D} application's {@link OpParams}. */
  public static Conv2dParams of(OpParams p) {
    return new Conv2dParams(
        p.integer(0),
        p.integer(1),
        p.integer(2),
        p.integer(3),
        p.integer(4),
        p.integer(5),
        p.integer(6));
  }

  /** {@code ints = {strideH, strideW, padH, padW, dilationH, dilationW, groups}}. */
  public OpParams toOpParams() {
    return OpParams.ints(strideH, strideW, padH, padW, dilationH, dilationW, groups);
  }

  /** Output rows for {@code height} input rows and a kernel {@code kernelH} high (may be ≤ 0). */
  public int outputHeight(int height, int kernelH) {
    return outputSize(height, kernelH, strideH, padH, dilationH);
  }

  /** Output columns for {@code width} input columns and a kernel {@code kernelW} wide. */
  public int outputWidth(int width, int kernelW) {
    return outputSize(width, kernelW, strideW, padW, dilationW);
  }

  // ⌊(in + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1, with floor division
  private static int outputSize(int in, int kernel, int stride, int pad, int dilation) {
    return Math.floorDiv(in + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
  }
}
