package dev.adjoint.examples.vision;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Conv2d;
import dev.adjoint.runtime.nn.Dropout;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.nn.MaxPool2d;
import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.nn.ReLU;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * A small CNN for {@link RenderedShapes}: two blocks of 3×3 convolution → batch norm → ReLU → 2×2
 * max pool (16×16 → 8×8 → 4×4, 1 → 8 → 16 channels), dropout, and a linear classifier over the 256
 * features.
 */
public final class ShapesNet extends Module {
  // package-private: the generated ShapesNetGrad reads the layers
  final Conv2d conv1;
  final BatchNorm2d bn1;
  final Conv2d conv2;
  final BatchNorm2d bn2;
  final ReLU relu;
  final MaxPool2d pool;
  final Dropout dropout;
  final Linear fc;

  public ShapesNet(int classes, Generator gen) {
    this(classes, DType.FLOAT32, gen);
  }

  /** The network with parameters and buffers of {@code dtype}, drawn from {@code gen}. */
  public ShapesNet(int classes, DType dtype, Generator gen) {
    conv1 = registerModule("conv1", Conv2d.builder(1, 8, 3).padding(1).dtype(dtype).build(gen));
    bn1 = registerModule("bn1", new BatchNorm2d(8, dtype));
    conv2 = registerModule("conv2", Conv2d.builder(8, 16, 3).padding(1).dtype(dtype).build(gen));
    bn2 = registerModule("bn2", new BatchNorm2d(16, dtype));
    relu = registerModule("relu", new ReLU());
    pool = registerModule("pool", new MaxPool2d(2));
    dropout = registerModule("dropout", new Dropout(0.2, gen));
    fc = registerModule("fc", new Linear(16 * 4 * 4, classes, true, dtype, gen));
  }

  /** Class scores [N, classes] for images [N, 1, 16, 16]. */
  @Override
  @Differentiable
  public Tensor forward(Tensor x) {
    x = pool.forward(relu.forward(bn1.forward(conv1.forward(x))));
    x = pool.forward(relu.forward(bn2.forward(conv2.forward(x))));
    x = dropout.forward(x.flatten(1));
    return fc.forward(x);
  }

  /**
   * The mean cross-entropy of the class scores of {@code images} against {@code labels}: {@code
   * ShapesNetGrad.lossBackward(model, images, labels)} runs it with its generated adjoint, as
   * {@code model.loss(images, labels).backward()} runs it on the tape.
   */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor images, @NoDerivative Tensor labels) {
    return Losses.crossEntropy(forward(images), labels);
  }
}
