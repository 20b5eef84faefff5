package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.autograd.ConvolutionOps;
import dev.adjoint.runtime.autograd.NormalizationOps;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The operations of convolutional networks with the names, arguments and semantics of PyTorch's
 * {@code torch.nn.functional} (NCHW layout). An {@code int[]} size argument is PyTorch's int-or-
 * pair: one value for both sides or {height, width}. Every bad argument is an {@link
 * IllegalArgumentException} naming the operation, the shapes and the values.
 */
public final class Functional {
  private Functional() {}

  /**
   * 2-D convolution (cross-correlation) of {@code input} [N, C, H, W] (or unbatched [C, H, W]) with
   * {@code weight} [O, C/groups, kH, kW], plus {@code bias} [O] when not null; result [N, O, oH,
   * oW] with {@code oH = ⌊(H + 2·padding − dilation·(kH − 1) − 1)/stride⌋ + 1}. {@code groups}
   * splits the channels (groups = C is a depthwise convolution).
   */
  public static Tensor conv2d(
      Tensor input,
      Tensor weight,
      Tensor bias,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups) {
    int[] s = pair("conv2d", "stride", stride);
    int[] p = pair("conv2d", "padding", padding);
    int[] d = pair("conv2d", "dilation", dilation);
    Conv2dParams params = new Conv2dParams(s[0], s[1], p[0], p[1], d[0], d[1], groups);
    if (input.dim() == 3) {
      // PyTorch convolves an unbatched input as a batch of one
      return ConvolutionOps.conv2d(input.unsqueeze(0), weight, bias, params).squeeze(0);
    }
    return ConvolutionOps.conv2d(input, weight, bias, params);
  }

  /** {@link #conv2d} with stride 1, no padding, no dilation, one group. */
  public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
    return conv2d(input, weight, bias, new int[] {1}, new int[] {0}, new int[] {1}, 1);
  }

  /** {@link #conv2d} with the same stride and padding on both sides, no dilation, one group. */
  public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
    return conv2d(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
  }

  /**
   * The maximum over windows of {@code kernelSize}, taps {@code dilation} apart, windows {@code
   * stride} apart (empty: the kernel size), implicit −∞ padding (at most half the kernel); {@code
   * ceilMode} rounds the output size up. Input [N, C, H, W] or [C, H, W].
   */
  public static Tensor maxPool2d(
      Tensor input,
      int[] kernelSize,
      int[] stride,
      int[] padding,
      int[] dilation,
      boolean ceilMode) {
    int[] k = pair("maxPool2d", "kernelSize", kernelSize);
    int[] s = stride.length == 0 ? k : pair("maxPool2d", "stride", stride);
    int[] p = pair("maxPool2d", "padding", padding);
    int[] d = pair("maxPool2d", "dilation", dilation);
    return ConvolutionOps.maxPool2d(
        input, new Pool2dParams(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], ceilMode, false));
  }

  /** {@link #maxPool2d} with square windows, no dilation, the output size rounded down. */
  public static Tensor maxPool2d(Tensor input, int kernel, int stride, int padding) {
    return maxPool2d(
        input, new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {1}, false);
  }

  /**
   * The mean over windows of {@code kernelSize}, {@code stride} apart (empty: the kernel size),
   * with implicit zero padding (at most half the kernel); {@code countIncludePad} divides by the
   * window including its padding, else by the taps inside the input. Input [N, C, H, W] or [C, H,
   * W].
   */
  public static Tensor avgPool2d(
      Tensor input,
      int[] kernelSize,
      int[] stride,
      int[] padding,
      boolean ceilMode,
      boolean countIncludePad) {
    int[] k = pair("avgPool2d", "kernelSize", kernelSize);
    int[] s = stride.length == 0 ? k : pair("avgPool2d", "stride", stride);
    int[] p = pair("avgPool2d", "padding", padding);
    return ConvolutionOps.avgPool2d(
        input,
        new Pool2dParams(k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, ceilMode, countIncludePad));
  }

  /**
   * {@link #avgPool2d} with square windows and PyTorch's defaults: the output size rounded down,
   * the padding counted in the divisor.
   */
  public static Tensor avgPool2d(Tensor input, int kernel, int stride, int padding) {
    return avgPool2d(
        input, new int[] {kernel}, new int[] {stride}, new int[] {padding}, false, true);
  }

  /**
   * The mean over {@code outputHeight × outputWidth} windows that tile the input as evenly as
   * possible (PyTorch's adaptive windows: rows {@code ⌊i·H/oH⌋ ..< ⌈(i+1)·H/oH⌉}).
   */
  public static Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return ConvolutionOps.adaptiveAvgPool2d(input, outputHeight, outputWidth);
  }

  /**
   * Batch normalisation over dimension 1 of {@code input} [N, C, ...]: {@code (x − mean)/√(var +
   * eps)·weight + bias}. In training the batch's statistics are used and {@code runningMean},
   * {@code runningVar} (when given) are updated in place: {@code (1 − momentum)·running +
   * momentum·batch}, with the unbiased batch variance for the running one. In evaluation the
   * running statistics are used. Any of the four tensors may be null as in PyTorch (evaluation
   * needs the running ones).
   */
  public static Tensor batchNorm(
      Tensor input,
      Tensor runningMean,
      Tensor runningVar,
      Tensor weight,
      Tensor bias,
      boolean training,
      double momentum,
      double eps) {
    return NormalizationOps.batchNorm(
        input, runningMean, runningVar, weight, bias, training, momentum, eps);
  }

  /**
   * In training, zeroes each element with probability {@code p} (drawn from {@code generator}) and
   * scales the others by 1/(1 − p); in evaluation, {@code input} itself.
   */
  public static Tensor dropout(Tensor input, double p, boolean training, Generator generator) {
    return NormalizationOps.dropout(input, p, training, generator);
  }

  // PyTorch's int-or-pair: {v} is {v, v}
  private static int[] pair(String op, String name, int[] values) {
    if (values.length == 1) {
      return new int[] {values[0], values[0]};
    }
    if (values.length == 2) {
      return values.clone();
    }
    throw new IllegalArgumentException(
        op
            + ": "
            + name
            + " must be one value or two (height, width), got "
            + Arrays.toString(values));
  }
}
