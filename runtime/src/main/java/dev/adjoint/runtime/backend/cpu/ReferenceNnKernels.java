package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The convolution, pooling and batch-norm kernels as plain loops over their definitions, every sum
 * in {@code double}, any strides, any floating-point type: the oracle that the CPU backend's fast
 * kernels ({@link CpuBackend#nn()}) and other backends' kernels are tested against. Slow by design.
 */
public final class ReferenceNnKernels implements NnKernels {
  public static final ReferenceNnKernels INSTANCE = new ReferenceNnKernels();

  private ReferenceNnKernels() {}

  @Override
  public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    return ReferenceConvolution.forward(input, weight, bias, p);
  }

  @Override
  public Tensor conv2dInputGrad(Tensor g, Tensor weight, int[] inputShape, Conv2dParams p) {
    return ReferenceConvolution.inputGrad(g, weight, inputShape, p);
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p) {
    return ReferenceConvolution.weightGrad(g, input, weightShape, p);
  }

  @Override
  public Tensor channelSum(Tensor g) {
    return ReferenceConvolution.channelSum(g);
  }

  @Override
  public Tensor maxPool2d(Tensor input, Pool2dParams p) {
    return ReferencePooling.maxPool(input, p);
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return ReferencePooling.maxPoolBackward(g, input, p);
  }

  @Override
  public Tensor avgPool2d(Tensor input, Pool2dParams p) {
    return ReferencePooling.avgPool(input, p);
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    return ReferencePooling.avgPoolBackward(g, inputShape, p);
  }

  @Override
  public Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return ReferencePooling.adaptiveAvgPool(input, outputHeight, outputWidth);
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape) {
    return ReferencePooling.adaptiveAvgPoolBackward(g, inputShape);
  }

  @Override
  public Tensor batchNormMoments(Tensor input) {
    return ReferenceBatchNorm.moments(input);
  }

  @Override
  public Tensor batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    return ReferenceBatchNorm.forward(input, weight, bias, mean, invstd);
  }

  @Override
  public Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    return ReferenceBatchNorm.inputGrad(g, input, weight, mean, invstd, training);
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    return ReferenceBatchNorm.weightGrad(g, input, mean, invstd);
  }
}
