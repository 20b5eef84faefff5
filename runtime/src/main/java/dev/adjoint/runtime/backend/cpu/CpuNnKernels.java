package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The CPU backend's convolution, pooling and batch-norm kernels: the fast ones where they apply
 * ({@link FastConvolution} for float32 and float64, {@link FastPooling} and {@link FastBatchNorm}
 * for float32; views are copied to contiguous tensors first), else the reference loops of {@link
 * ReferenceNnKernels}, which the fast ones are tested against.
 */
final class CpuNnKernels implements NnKernels {
  static final CpuNnKernels INSTANCE = new CpuNnKernels();

  private CpuNnKernels() {}

  @Override
  public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    if (FastConvolution.applies(input, weight, bias)) {
      return FastConvolution.forward(input, weight, bias, p);
    }
    return ReferenceConvolution.forward(input, weight, bias, p);
  }

  @Override
  public Tensor conv2dInputGrad(Tensor g, Tensor weight, int[] inputShape, Conv2dParams p) {
    if (FastConvolution.applies(g, weight)) {
      return FastConvolution.inputGrad(g, weight, inputShape, p);
    }
    return ReferenceConvolution.inputGrad(g, weight, inputShape, p);
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p) {
    if (FastConvolution.applies(g, input)) {
      return FastConvolution.weightGrad(g, input, weightShape, p);
    }
    return ReferenceConvolution.weightGrad(g, input, weightShape, p);
  }

  @Override
  public Tensor channelSum(Tensor g) {
    if (FastConvolution.applies(g)) {
      return FastConvolution.channelSum(g);
    }
    return ReferenceConvolution.channelSum(g);
  }

  @Override
  public Tensor maxPool2d(Tensor input, Pool2dParams p) {
    if (FastPooling.applies(input)) {
      return FastPooling.maxPool(input, p);
    }
    return ReferencePooling.maxPool(input, p);
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    if (FastPooling.applies(g, input)) {
      return FastPooling.maxPoolBackward(g, input, p);
    }
    return ReferencePooling.maxPoolBackward(g, input, p);
  }

  @Override
  public Tensor avgPool2d(Tensor input, Pool2dParams p) {
    if (FastPooling.applies(input)) {
      return FastPooling.avgPool(input, p);
    }
    return ReferencePooling.avgPool(input, p);
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    if (FastPooling.applies(g)) {
      return FastPooling.avgPoolBackward(g, inputShape, p);
    }
    return ReferencePooling.avgPoolBackward(g, inputShape, p);
  }

  @Override
  public Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    if (FastPooling.applies(input)) {
      return FastPooling.adaptiveAvgPool(input, outputHeight, outputWidth);
    }
    return ReferencePooling.adaptiveAvgPool(input, outputHeight, outputWidth);
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape) {
    if (FastPooling.applies(g)) {
      return FastPooling.adaptiveAvgPoolBackward(g, inputShape);
    }
    return ReferencePooling.adaptiveAvgPoolBackward(g, inputShape);
  }

  @Override
  public Tensor batchNormMoments(Tensor input) {
    if (FastBatchNorm.applies(input)) {
      return FastBatchNorm.moments(input);
    }
    return ReferenceBatchNorm.moments(input);
  }

  @Override
  public Tensor batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    if (FastBatchNorm.applies(input, weight, bias, mean, invstd)) {
      return FastBatchNorm.forward(input, weight, bias, mean, invstd);
    }
    return ReferenceBatchNorm.forward(input, weight, bias, mean, invstd);
  }

  @Override
  public Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    if (FastBatchNorm.applies(g, input, weight, mean, invstd)) {
      return FastBatchNorm.inputGrad(g, input, weight, mean, invstd, training);
    }
    return ReferenceBatchNorm.inputGrad(g, input, weight, mean, invstd, training);
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    if (FastBatchNorm.applies(g, input, mean, invstd)) {
      return FastBatchNorm.weightGrad(g, input, mean, invstd);
    }
    return ReferenceBatchNorm.weightGrad(g, input, mean, invstd);
  }
}
