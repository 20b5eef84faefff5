package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.Devices;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.cpu.CpuBackend;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The convolution, pooling and batch-norm kernels for tensors on a GPU, run by the CPU's kernels:
 * the operands are copied to the host, the result back to the GPU. The numbers are the CPU
 * backend's; the time is not a GPU's (two transfers per call). It keeps GPU models working until
 * these kernels have CUDA versions of their own.
 */
final class HostNnKernels implements NnKernels {
  private static final NnKernels CPU = CpuBackend.INSTANCE.nn();
  private final Device device;

  HostNnKernels(Device device) {
    this.device = device;
  }

  private static Tensor host(Tensor t) {
    return t == null || t.device().isCpu() ? t : Devices.transfer(t, Device.cpu());
  }

  private Tensor back(Tensor t) {
    return Devices.transfer(t, device);
  }

  @Override
  public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    return back(CPU.conv2d(host(input), host(weight), host(bias), p));
  }

  @Override
  public Tensor conv2dInputGrad(Tensor g, Tensor weight, int[] inputShape, Conv2dParams p) {
    return back(CPU.conv2dInputGrad(host(g), host(weight), inputShape, p));
  }

  @Override
  public Tensor conv2dWeightGrad(Tensor g, Tensor input, int[] weightShape, Conv2dParams p) {
    return back(CPU.conv2dWeightGrad(host(g), host(input), weightShape, p));
  }

  @Override
  public Tensor channelSum(Tensor g) {
    return back(CPU.channelSum(host(g)));
  }

  @Override
  public Tensor maxPool2d(Tensor input, Pool2dParams p) {
    return back(CPU.maxPool2d(host(input), p));
  }

  @Override
  public Tensor maxPool2dBackward(Tensor g, Tensor input, Pool2dParams p) {
    return back(CPU.maxPool2dBackward(host(g), host(input), p));
  }

  @Override
  public Tensor avgPool2d(Tensor input, Pool2dParams p) {
    return back(CPU.avgPool2d(host(input), p));
  }

  @Override
  public Tensor avgPool2dBackward(Tensor g, int[] inputShape, Pool2dParams p) {
    return back(CPU.avgPool2dBackward(host(g), inputShape, p));
  }

  @Override
  public Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
    return back(CPU.adaptiveAvgPool2d(host(input), outputHeight, outputWidth));
  }

  @Override
  public Tensor adaptiveAvgPool2dBackward(Tensor g, int[] inputShape) {
    return back(CPU.adaptiveAvgPool2dBackward(host(g), inputShape));
  }

  @Override
  public Tensor batchNormMoments(Tensor input) {
    return back(CPU.batchNormMoments(host(input)));
  }

  @Override
  public Tensor batchNorm(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    return back(CPU.batchNorm(host(input), host(weight), host(bias), host(mean), host(invstd)));
  }

  @Override
  public Tensor batchNormInputGrad(
      Tensor g, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    return back(
        CPU.batchNormInputGrad(
            host(g), host(input), host(weight), host(mean), host(invstd), training));
  }

  @Override
  public Tensor batchNormWeightGrad(Tensor g, Tensor input, Tensor mean, Tensor invstd) {
    return back(CPU.batchNormWeightGrad(host(g), host(input), host(mean), host(invstd)));
  }
}
