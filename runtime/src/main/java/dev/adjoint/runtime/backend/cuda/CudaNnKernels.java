package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The convolution, pooling and batch-norm kernels of one GPU: {@link Convolution} (im2col and
 * cuBLAS), {@link Pooling}, {@link Normalization}, and the channel sum as the backend's sum over
 * every dimension but 1. Results follow the CPU backend's within its own rounding bound (see
 * docs/runtime.md, "GPUs").
 */
final class CudaNnKernels implements NnKernels {
  private final CudaBackend backend;
  private final Convolution convolution;
  private final Pooling pooling;
  private final Normalization normalization;

  CudaNnKernels(Gpu device, CudaBackend backend) {
    this.backend = backend;
    this.convolution = new Convolution(device, backend);
    this.pooling = new Pooling(device, backend);
    this.normalization = new Normalization(device, backend);
  }

  @Override
  public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    return convolution.forward(input, weight, bias, p);
  }

  @Override
  public Tensor conv2dInputGrad(Tensor g, Tensor weight, int[] inputShape, Conv2dParams p) {
    return convolution.inputGrad(g, weight, inputShape, p);
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p) {
    return convolution.weightGrad(g, input, weightShape, p);
  }

  @Override
  public Tensor channelSum(Tensor g) {
    int[] dims = new int[g.dim() - 1];
    for (int d = 0, k = 0; d < g.dim(); d++) {
      if (d != 1) {
        dims[k++] = d;
      }
    }
    return backend.sum(g, dims, false);
  }

  @Override
  public Tensor maxPool2d(Tensor input, Pool2dParams p) {
    return pooling.maxPool(input, p);
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return pooling.maxPoolBackward(g, input, p);
  }

  @Override
  public Tensor avgPool2d(Tensor input, Pool2dParams p) {
    return pooling.avgPool(input, p);
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    return pooling.avgPoolBackward(g, inputShape, p);
  }

  @Override
  public Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return pooling.adaptiveAvgPool(input, outputHeight, outputWidth);
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape) {
    return pooling.adaptiveAvgPoolBackward(g, inputShape);
  }

  @Override
  public Tensor batchNormMoments(Tensor input) {
    return normalization.moments(input);
  }

  @Override
  public Tensor batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    return normalization.forward(input, weight, bias, mean, invstd);
  }

  @Override
  public Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    return normalization.inputGrad(g, input, weight, mean, invstd, training);
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    return normalization.weightGrad(g, input, mean, invstd);
  }
}
