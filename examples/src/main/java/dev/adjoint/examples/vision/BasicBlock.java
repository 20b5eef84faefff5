package dev.adjoint.examples.vision;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Conv2d;
import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.nn.ReLU;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * torchvision's {@code BasicBlock}, the residual unit of ResNet-18 and -34: two 3×3 convolutions
 * with batch norm, added to the input (through {@code downsample}, a 1×1 convolution and batch
 * norm, when the block changes the resolution or the width), then ReLU.
 *
 * <pre>
 * out = relu(bn2(conv2(relu(bn1(conv1(x))))) + (downsample == null ? x : downsample(x)))
 * </pre>
 */
public final class BasicBlock extends Module {
  /** The width of the output relative to {@code planes} (1 for a basic block). */
  public static final int EXPANSION = 1;

  // package-private: the generated ResNetGrad reads the layers
  final Conv2d conv1;
  final BatchNorm2d bn1;
  final ReLU relu;
  final Conv2d conv2;
  final BatchNorm2d bn2;

  /** The shortcut's layers, registered as torchvision's {@code downsample.0} and {@code .1}. */
  final Conv2d downsampleConv;

  final BatchNorm2d downsampleBn;
  private final Sequential downsample;

  /**
   * A block from {@code inplanes} to {@code planes} channels whose first convolution has {@code
   * stride}; {@code downsample} is null when the input can be added as it is.
   */
  public BasicBlock(
      int inplanes, int planes, int stride, Sequential downsample, DType dtype, Generator gen) {
    // registered in torchvision's order, which is the state dict's
    conv1 = registerModule("conv1", conv3x3(inplanes, planes, stride, dtype, gen));
    bn1 = registerModule("bn1", new BatchNorm2d(planes, dtype));
    relu = registerModule("relu", new ReLU());
    conv2 = registerModule("conv2", conv3x3(planes, planes, 1, dtype, gen));
    bn2 = registerModule("bn2", new BatchNorm2d(planes, dtype));
    this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    // the same modules in their own fields: the generated adjoint calls them in turn (ADJ113)
    if (downsample != null
        && (downsample.layers().size() != 2
            || !(downsample.layers().get(0) instanceof Conv2d)
            || !(downsample.layers().get(1) instanceof BatchNorm2d))) {
      throw new IllegalArgumentException(
          "BasicBlock: downsample is a 1×1 convolution then batch norm, got " + downsample);
    }
    this.downsampleConv = downsample == null ? null : (Conv2d) downsample.layers().get(0);
    this.downsampleBn = downsample == null ? null : (BatchNorm2d) downsample.layers().get(1);
  }

  /** A 3×3 convolution with padding 1 and no bias (torchvision's {@code conv3x3}). */
  static Conv2d conv3x3(int in, int out, int stride, DType dtype, Generator gen) {
    return Conv2d.builder(in, out, 3).stride(stride).padding(1).bias(false).dtype(dtype).build(gen);
  }

  /** A 1×1 convolution with no bias (torchvision's {@code conv1x1}). */
  static Conv2d conv1x1(int in, int out, int stride, DType dtype, Generator gen) {
    return Conv2d.builder(in, out, 1).stride(stride).bias(false).dtype(dtype).build(gen);
  }

  @Override
  @Differentiable
  public Tensor forward(Tensor x) {
    Tensor identity = x;
    Tensor out = conv1.forward(x);
    out = bn1.forward(out);
    out = relu.forward(out);
    out = conv2.forward(out);
    out = bn2.forward(out);
    if (downsampleConv != null) {
      identity = downsampleBn.forward(downsampleConv.forward(x));
    }
    out = out.add(identity);
    return relu.forward(out);
  }

  public Conv2d conv1() {
    return conv1;
  }

  public BatchNorm2d bn1() {
    return bn1;
  }

  public Conv2d conv2() {
    return conv2;
  }

  public BatchNorm2d bn2() {
    return bn2;
  }

  /** The 1×1 convolution and batch norm on the shortcut, or {@code null}. */
  public Sequential downsample() {
    return downsample;
  }
}
