package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The {@link NnKernels} of {@link DeviceDispatch}: each call runs on the kernels of its operands'
 * device (the CPU's when all are in host memory), operands on two devices being the same error as
 * for every other operation.
 */
final class NnDispatch implements NnKernels {
  static final NnDispatch INSTANCE = new NnDispatch();

  private NnDispatch() {}

  private static NnKernels on(String op, Tensor... operands) {
    return Backends.forDevice(DeviceDispatch.commonDevice(op, operands)).nn();
  }

  @Override
  public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    return on("conv2d", input, weight, bias).conv2d(input, weight, bias, p);
  }

  @Override
  public Tensor conv2dInputGrad(Tensor g, Tensor weight, int[] inputShape, Conv2dParams p) {
    return on("conv2d", g, weight).conv2dInputGrad(g, weight, inputShape, p);
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p) {
    return on("conv2d", g, input).conv2dWeightGrad(g, input, weightShape, p);
  }

  @Override
  public Tensor channelSum(Tensor g) {
    return on("channelSum", g).channelSum(g);
  }

  @Override
  public Tensor maxPool2d(Tensor input, Pool2dParams p) {
    return on("maxPool2d", input).maxPool2d(input, p);
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return on("maxPool2d", g, input).maxPool2dBackward(g, input, p);
  }

  @Override
  public Tensor avgPool2d(Tensor input, Pool2dParams p) {
    return on("avgPool2d", input).avgPool2d(input, p);
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    return on("avgPool2d", g).avgPool2dBackward(g, inputShape, p);
  }

  @Override
  public Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return on("adaptiveAvgPool2d", input).adaptiveAvgPool2d(input, outputHeight, outputWidth);
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape) {
    return on("adaptiveAvgPool2d", g).adaptiveAvgPool2dBackward(g, inputShape);
  }

  @Override
  public Tensor batchNormMoments(Tensor input) {
    return on("batchNorm", input).batchNormMoments(input);
  }

  @Override
  public Tensor batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    return on("batchNorm", input, weight, bias, mean, invstd)
        .batchNorm(input, weight, bias, mean, invstd);
  }

  @Override
  public Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    return on("batchNorm", g, input, weight, mean, invstd)
        .batchNormInputGrad(g, input, weight, mean, invstd, training);
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    return on("batchNorm", g, input, mean, invstd).batchNormWeightGrad(g, input, mean, invstd);
  }
}
