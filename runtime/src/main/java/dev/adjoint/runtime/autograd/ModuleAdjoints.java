package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.nn.Functional;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * What a generated adjoint runs for a call of an {@code nn} module held in a field or read through
 * a list's element ({@code Conv2d}, {@code MaxPool2d}, {@code AdaptiveAvgPool2d}, {@code
 * BatchNorm2d}, {@code Dropout}): the module's configuration is passed as the module holds it when
 * the call runs, and each function computes exactly what the module's forward computes on the tape.
 * The rules these calls' contributions come from are the tape's, through {@link Adjoints#partial}.
 */
public final class ModuleAdjoints {
  private ModuleAdjoints() {}

  /** {@code Conv2d.forward}: {@link Functional#conv2d} with the layer's configuration. */
  public static Tensor conv2d(
      Tensor input,
      Tensor weight,
      Tensor bias,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups) {
    return Functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
  }

  /** The parameters {@code conv2d}'s rule reads, as {@link Functional#conv2d} records them. */
  public static OpParams convolution(int[] stride, int[] padding, int[] dilation, int groups) {
    return new Conv2dParams(
            stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], groups)
        .toOpParams();
  }

  /** {@code MaxPool2d.forward}: {@link Functional#maxPool2d} with the layer's configuration. */
  public static Tensor maxPool2d(
      Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    return Functional.maxPool2d(input, kernel, stride, padding, dilation, ceilMode);
  }

  /** The parameters max pooling's rule reads, as {@link Functional#maxPool2d} records them. */
  public static OpParams maxPooling(
      int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    return new Pool2dParams(
            kernel[0],
            kernel[1],
            stride[0],
            stride[1],
            padding[0],
            padding[1],
            dilation[0],
            dilation[1],
            ceilMode,
            false)
        .toOpParams();
  }

  /** {@code AdaptiveAvgPool2d.forward}. */
  public static Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return Functional.adaptiveAvgPool2d(input, outputHeight, outputWidth);
  }

  /**
   * The statistics of one {@code BatchNorm2d} call, [2, C] (mean; invstd = 1/√(var + ε)), with the
   * call's side effects as {@code BatchNorm2d.forward} has them: in training, {@code
   * numBatchesTracked} counts the call and the running statistics move towards the batch's. The
   * forward sweep runs this once per call; the reverse sweep reads the rows it returns.
   */
  public static Tensor batchNormStatistics(
      Tensor input,
      Tensor runningMean,
      Tensor runningVar,
      Tensor numBatchesTracked,
      boolean training,
      double momentum,
      double eps) {
    if (input.dim() != 4) {
      throw new IllegalArgumentException(
          "BatchNorm2d: expected an input [N, C, H, W], got " + Shape.format(input.shape()));
    }
    if (training && numBatchesTracked != null) {
      numBatchesTracked.addInPlace(Tensor.scalar(DType.INT64, 1));
    }
    // without running statistics, the batch's are used in evaluation too (PyTorch's bn_training)
    boolean batchStatistics = training || runningMean == null;
    Tensor[] statistics =
        NormalizationOps.statistics(input, runningMean, runningVar, batchStatistics, momentum, eps);
    return Tensor.stack(List.of(statistics[0], statistics[1]), 0);
  }

  /**
   * Batch norm with given statistics, {@code (x − mean)·invstd·w + b}; a null weight or bias (a
   * layer without affine parameters) is 1 or 0, as on the tape.
   */
  public static Tensor batchNorm(
      Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    int channels = input.size(1);
    Tensor w = weight != null ? weight : Tensor.ones(input.device(), input.dtype(), channels);
    Tensor b = bias != null ? bias : Tensor.zeros(input.device(), input.dtype(), channels);
    return NormalizationOps.normalise(input, w, b, mean, invstd);
  }

  /**
   * The mask {@code Dropout.forward} multiplies by, drawn from {@code generator} as the tape draws
   * it; in evaluation or with p = 0 (where the tape returns the input) ones, so that the product is
   * the input itself, bit for bit.
   */
  public static Tensor dropoutMask(Tensor input, double p, boolean training, Generator generator) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "dropout: probability has to be between 0 and 1, but got " + p);
    }
    if (!training || p == 0 || input.numel() == 0) {
      return Tensor.ones(input.device(), input.dtype(), input.shape());
    }
    return NormalizationOps.dropoutMask(input, p, generator).to(input.device());
  }

  /**
   * {@link #dropoutMask(Tensor, double, boolean, Generator)} where generated code holds the
   * module's generator as an {@code Object}: it read it through a list's element, in the pass of
   * the loop over that list ({@code self.blocks.get(k).drop.generator()}).
   */
  public static Tensor dropoutMask(Tensor input, double p, boolean training, Object generator) {
    return dropoutMask(input, p, training, (Generator) generator);
  }
}
