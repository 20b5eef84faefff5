package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchResNet;
import dev.adjoint.examples.vision.ResNet;
import dev.adjoint.examples.vision.ResNetTrainingStep;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * REFERENCE R6's training step, float32, on each engine: {@code zero_grad}, {@code loss =
 * (resnet18(data) − labels).sum()}, {@code backward}, {@code SGD(lr=1e-2, momentum=0.9).step()},
 * with {@code data = rand(batch, 3, 64, 64)}, {@code labels = rand(batch, 1000)}. Every engine
 * starts from the same weights and data (seed 0), so their losses can be compared.
 */
public final class ResNetSteps {
  private ResNetSteps() {}

  /** One engine's step, repeatable; {@link #run} returns the step's loss. */
  public interface Step extends AutoCloseable {
    double run();

    @Override
    default void close() {}
  }

  /** The step on the dynamic tape. */
  public static Step tape(int batch) {
    ResNetTrainingStep.Inputs in = ResNetTrainingStep.inputs(batch, DType.FLOAT32, 0);
    ResNet model = in.model();
    Sgd optimizer = new Sgd(model.parameters(), 1e-2, 0.9, 0, 0, false);
    return () -> {
      optimizer.zeroGrad();
      Tensor loss = model.forward(in.data()).sub(in.labels()).sum();
      loss.backward();
      optimizer.step();
      return loss.item();
    };
  }

  /** The step in libtorch (its functional ResNet-18, its own SGD) on the same weights and data. */
  public static Step libtorch(int batch) {
    ResNetTrainingStep.Inputs in = ResNetTrainingStep.inputs(batch, DType.FLOAT32, 0);
    TorchResNet torch = new TorchResNet(TorchResNet.stateOf(in.model()), false, 1e-2, 0.9);
    double[] data = in.data().toArray();
    double[] labels = in.labels().toArray();
    long[] dataShape = longs(in.data().shape());
    long[] labelShape = longs(in.labels().shape());
    return new Step() {
      @Override
      public double run() {
        return torch.step(data, dataShape, labels, labelShape);
      }

      @Override
      public void close() {
        torch.close();
      }
    };
  }

  private static long[] longs(int[] shape) {
    return Arrays.stream(shape).asLongStream().toArray();
  }
}
