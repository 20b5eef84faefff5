package dev.adjoint.examples.vision;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.AdaptiveAvgPool2d;
import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Conv2d;
import dev.adjoint.runtime.nn.Init;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.MaxPool2d;
import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.nn.ReLU;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's ResNet with {@link BasicBlock}s ({@code resnet18}, {@code resnet34}): a 7×7
 * stride-2 stem with batch norm, ReLU and a 3×3 stride-2 max pool; four layers of blocks at 64,
 * 128, 256 and 512 channels (each after the first halving the resolution); global average pooling;
 * a fully connected classifier.
 *
 * <p>Its state dict has torchvision's keys, order and shapes ({@code conv1.weight}, {@code
 * bn1.running_mean}, {@code layer1.0.conv1.weight}, {@code layer2.0.downsample.0.weight}, ...,
 * {@code fc.bias}), so weights exported from PyTorch with {@code
 * safetensors.torch.save_file(model.state_dict(), path)} load with {@link #loadSafetensors}. It is
 * initialised as torchvision initialises it: convolutions by {@code kaiming_normal_(mode="fan_out",
 * nonlinearity="relu")}, batch norms with weight 1 and bias 0, the classifier as {@link Linear}'s
 * default.
 */
public final class ResNet extends Module {
  // package-private: the generated ResNetGrad reads the layers and blocks
  final Conv2d conv1;
  final BatchNorm2d bn1;
  final ReLU relu;
  final MaxPool2d maxpool;
  final List<BasicBlock> layer1;
  final List<BasicBlock> layer2;
  final List<BasicBlock> layer3;
  final List<BasicBlock> layer4;
  final AdaptiveAvgPool2d avgpool;
  final Linear fc;

  /**
   * A ResNet of basic blocks with {@code layers[i]} blocks in layer i + 1, {@code numClasses}
   * outputs, parameters of {@code dtype} drawn from {@code gen}.
   */
  public ResNet(int[] layers, int numClasses, DType dtype, Generator gen) {
    if (layers.length != 4) {
      throw new IllegalArgumentException("ResNet: four layers of blocks, got " + layers.length);
    }
    conv1 =
        registerModule(
            "conv1",
            Conv2d.builder(3, 64, 7).stride(2).padding(3).bias(false).dtype(dtype).build(gen));
    bn1 = registerModule("bn1", new BatchNorm2d(64, dtype));
    relu = registerModule("relu", new ReLU());
    maxpool = registerModule("maxpool", new MaxPool2d(3, 2, 1));
    // each layer's input is the previous one's output width (planes · EXPANSION)
    layer1 = makeLayer("layer1", 64, 64, layers[0], 1, dtype, gen);
    layer2 = makeLayer("layer2", 64, 128, layers[1], 2, dtype, gen);
    layer3 = makeLayer("layer3", 128, 256, layers[2], 2, dtype, gen);
    layer4 = makeLayer("layer4", 256, 512, layers[3], 2, dtype, gen);
    avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1, 1));
    fc = registerModule("fc", new Linear(512 * BasicBlock.EXPANSION, numClasses, true, dtype, gen));
    for (Module m : modules()) {
      if (m instanceof Conv2d conv) {
        Init.kaimingNormalRelu(conv.weight(), Init.FanMode.FAN_OUT, gen);
      }
    }
  }

  /** torchvision's {@code resnet18}: [2, 2, 2, 2] basic blocks, 1000 classes, float32. */
  public static ResNet resnet18(Generator gen) {
    return resnet18(1000, DType.FLOAT32, gen);
  }

  public static ResNet resnet18(int numClasses, DType dtype, Generator gen) {
    return new ResNet(new int[] {2, 2, 2, 2}, numClasses, dtype, gen);
  }

  /** torchvision's {@code resnet34}: [3, 4, 6, 3] basic blocks, 1000 classes, float32. */
  public static ResNet resnet34(Generator gen) {
    return resnet34(1000, DType.FLOAT32, gen);
  }

  public static ResNet resnet34(int numClasses, DType dtype, Generator gen) {
    return new ResNet(new int[] {3, 4, 6, 3}, numClasses, dtype, gen);
  }

  /**
   * torchvision's {@code _make_layer}: {@code blocks} blocks from {@code inplanes} to {@code
   * planes} channels, the first with {@code stride} and, when it changes the resolution or the
   * width, a 1×1 convolution and batch norm on its shortcut. Registered as a {@link Sequential}
   * named {@code name}, so that the blocks' entries are {@code name.0.conv1.weight}, ...
   */
  private List<BasicBlock> makeLayer(
      String name, int inplanes, int planes, int blocks, int stride, DType dtype, Generator gen) {
    int width = planes * BasicBlock.EXPANSION;
    Sequential downsample = null;
    if (stride != 1 || inplanes != width) {
      downsample =
          new Sequential(
              BasicBlock.conv1x1(inplanes, width, stride, dtype, gen),
              new BatchNorm2d(width, dtype));
    }
    List<BasicBlock> layer = new ArrayList<>();
    layer.add(new BasicBlock(inplanes, planes, stride, downsample, dtype, gen));
    for (int i = 1; i < blocks; i++) {
      layer.add(new BasicBlock(width, planes, 1, null, dtype, gen));
    }
    registerModule(name, new Sequential(layer));
    return List.copyOf(layer);
  }

  /**
   * Class scores [N, numClasses] for images [N, 3, H, W]. {@code ResNetGrad.forwardBackward(model,
   * x, seed)} runs it with its generated adjoint, as {@code model.forward(x).backward(seed)} runs
   * it on the tape (in training, both update the batch norms' running statistics once).
   */
  @Override
  @Differentiable
  public Tensor forward(Tensor x) {
    x = conv1.forward(x);
    x = bn1.forward(x);
    x = relu.forward(x);
    x = maxpool.forward(x);
    for (BasicBlock block : layer1) {
      x = block.forward(x);
    }
    for (BasicBlock block : layer2) {
      x = block.forward(x);
    }
    for (BasicBlock block : layer3) {
      x = block.forward(x);
    }
    for (BasicBlock block : layer4) {
      x = block.forward(x);
    }
    x = avgpool.forward(x);
    x = x.flatten(1);
    return fc.forward(x);
  }

  /**
   * The seed tutorial's loss, {@code (model(data) − labels).sum()} (REFERENCE R6): {@code
   * ResNetGrad.lossBackward(model, data, labels)} is {@code model.loss(data, labels).backward()}
   * without a tape.
   */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor data, @NoDerivative Tensor labels) {
    return forward(data).sub(labels).sum();
  }

  public Conv2d conv1() {
    return conv1;
  }

  public BatchNorm2d bn1() {
    return bn1;
  }

  /** The blocks of layer {@code index} (1 to 4). */
  public List<BasicBlock> layer(int index) {
    return switch (index) {
      case 1 -> layer1;
      case 2 -> layer2;
      case 3 -> layer3;
      case 4 -> layer4;
      default -> throw new IllegalArgumentException("ResNet has layers 1 to 4, not " + index);
    };
  }

  public Linear fc() {
    return fc;
  }
}
