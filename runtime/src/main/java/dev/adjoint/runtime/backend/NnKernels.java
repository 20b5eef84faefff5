package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The kernels of the convolutional-network operations (convolution, pooling, batch norm) and of
 * their gradients, as {@link Backend#nn()} provides them.
 *
 * <p>Conventions, for every method: tensors are NCHW; operands may have any strides (views) and are
 * all of one floating-point type, which is the result's; results are fresh contiguous tensors.
 * Shapes and parameters have been checked by the caller (the operation's entry point), so a kernel
 * may assume that they fit: {@code groups} divides C and O, every output size is at least 1, a
 * pooling window always holds at least one tap inside the input. "Channel" is dimension 1. Backward
 * kernels compute {@code Jᵀ·g}, the operand's share of the result's adjoint {@code g} (see {@code
 * TensorRules}).
 */
public interface NnKernels {
  /**
   * {@code y[n, o, i, j] = bias[o] + Σ_{c, a, b} x[n, g·C/G + c, i·sH − pH + a·dH, j·sW − pW +
   * b·dW]·w[o, c, a, b]} with {@code g = o / (O/G)} and taps outside the input reading 0.
   *
   * @param input [N, C, H, W]
   * @param weight [O, C/G, kH, kW]
   * @param bias [O], or null for none
   * @return [N, O, oH, oW] with {@code oH = p.outputHeight(H, kH)}, {@code oW = p.outputWidth(W,
   *     kW)}
   */
  Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p);

  /**
   * The adjoint of conv2d's input: {@code x̄[n, c, h, w] = Σ g[n, o, i, j]·w[o, c − g·C/G, a, b]}
   * over every output {@code (o, i, j)} of c's group whose tap {@code (a, b)} reads {@code (h, w)}.
   *
   * @param g [N, O, oH, oW]
   * @param weight [O, C/G, kH, kW]
   * @param inputShape {N, C, H, W} of the input (H and W are not implied by oH, oW when stride > 1)
   * @return inputShape
   */
  Tensor conv2dInputGrad(Tensor g, Tensor weight, int[] inputShape, Conv2dParams p);

  /**
   * The adjoint of conv2d's weight: {@code w̄[o, c, a, b] = Σ_{n, i, j} g[n, o, i, j]·x[n, g·C/G +
   * c, i·sH − pH + a·dH, j·sW − pW + b·dW]}.
   *
   * @param g [N, O, oH, oW]
   * @param input [N, C, H, W]
   * @param weightShape {O, C/G, kH, kW}
   * @return weightShape
   */
  Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p);

  /**
   * The sum over every dimension but 1 of a tensor of rank ≥ 2: a [C] tensor (conv2d's and batch
   * norm's bias gradient).
   */
  Tensor channelSum(Tensor g);

  /**
   * The maximum over each window, padding counting as −∞; NaN wins over numbers.
   *
   * @param input [N, C, H, W] or [C, H, W]
   * @return [N, C, oH, oW] (or [C, oH, oW]) with {@code oH = p.outputHeight(H)}, {@code oW =
   *     p.outputWidth(W)}
   */
  Tensor maxPool2d(Tensor input, Pool2dParams p);

  /**
   * The adjoint of max pooling: each window's {@code g} added at its first maximum in row-major
   * order of the taps (its last NaN, if it holds one), PyTorch's choice of index.
   *
   * @param g shaped like {@link #maxPool2d}'s result
   * @param input the pooled input, [N, C, H, W] or [C, H, W]
   * @return input's shape
   */
  Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p);

  /**
   * The mean of each window: the sum of its taps inside the input over the divisor, which is the
   * window clipped to the padded input when {@code countIncludePad}, else clipped to the input.
   *
   * @param input [N, C, H, W] or [C, H, W]
   */
  Tensor avgPool2d(Tensor input, Pool2dParams p);

  /**
   * The adjoint of average pooling: each window's {@code g} over its divisor, added to each of its
   * taps inside the input.
   *
   * @param inputShape {N, C, H, W} or {C, H, W}
   */
  Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p);

  /**
   * The mean over adaptive windows: output row i covers input rows {@code ⌊i·H/oH⌋ ..<
   * ⌈(i+1)·H/oH⌉}, columns likewise.
   *
   * @param input [N, C, H, W] or [C, H, W]
   * @return [N, C, outputHeight, outputWidth] (or 3-D)
   */
  Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth);

  /**
   * The adjoint of adaptive average pooling to {@code g}'s last two sizes.
   *
   * @param inputShape {N, C, H, W} or {C, H, W}
   */
  Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape);

  /**
   * Each channel's mean and biased variance (divided by the count n, not n − 1) over every
   * dimension but 1, accumulated in double.
   *
   * @param input [N, C, ...], rank ≥ 2, at least one element per channel
   * @return [2, C]: row 0 the means, row 1 the variances
   */
  Tensor batchNormMoments(Tensor input);

  /**
   * {@code y = (x − mean[c])·invstd[c]·weight[c] + bias[c]} for each element x of channel c.
   *
   * @param input [N, C, ...]
   * @param weight [C]
   * @param bias [C]
   * @param mean [C]
   * @param invstd [C], {@code 1/√(var + ε)}
   */
  Tensor batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd);

  /**
   * The adjoint of batch norm's input. In training (mean, invstd the batch's own): {@code
   * weight·invstd·(g − Σg/n − (x − mean)·invstd²·Σ(g·(x − mean))/n)}, the sums over the channel's n
   * elements; in evaluation: {@code g·weight·invstd}.
   */
  Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training);

  /**
   * The adjoint of batch norm's weight: {@code Σ g·(x − mean)·invstd} per channel, a [C] tensor.
   */
  Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd);
}
