package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * {@link NnKernels} that run each call on its operands' device, as {@link DeviceDispatch} does for
 * the other kernels: the CPU's when every operand is on the host, else the one device's (mixed
 * devices are an error naming the operation and both).
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
    return on("conv2d backward", g, weight).conv2dInputGrad(g, weight, inputShape, p);
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p) {
    return on("conv2d backward", g, input).conv2dWeightGrad(g, input, weightShape, p);
  }

  @Override
  public Tensor channelSum(Tensor g) {
    return on("conv2d backward", g).channelSum(g);
  }

  @Override
  public Tensor maxPool2d(Tensor input, Pool2dParams p) {
    return on("maxPool2d", input).maxPool2d(input, p);
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return on("maxPool2d backward", g, input).maxPool2dBackward(g, input, p);
  }

  @Override
  public Tensor avgPool2d(Tensor input, Pool2dParams p) {
    return on("avgPool2d", input).avgPool2d(input, p);
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    return on("avgPool2d backward", g).avgPool2dBackward(g, inputShape, p);
  }

  @Override
  public Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return on("adaptiveAvgPool2d", input).adaptiveAvgPool2d(input, outputHeight, outputWidth);
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape) {
    return on("adaptiveAvgPool2d backward", g).adaptiveAvgPool2dBackward(g, inputShape);
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
    return on("batchNorm backward", g, input, weight, mean, invstd)
        .batchNormInputGrad(g, input, weight, mean, invstd, training);
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    return on("batchNorm backward", g, input, mean, invstd)
        .batchNormWeightGrad(g, input, mean, invstd);
  }
}
