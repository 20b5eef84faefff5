package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchResNet;
import dev.adjoint.examples.vision.ResNet;
import dev.adjoint.examples.vision.ResNetGrad;
import dev.adjoint.examples.vision.ResNetTrainingStep;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * REFERENCE R6's training step, float32, on each engine: {@code zero_grad}, {@code loss =
 * (resnet18(data) − labels).sum()}, {@code backward}, {@code SGD(lr=1e-2, momentum=0.9).step()},
 * with {@code data = rand(batch, 3, 64, 64)}, {@code labels = rand(batch, 1000)}. Every engine
 * starts from the same weights and data (seed {@link #SEED}), so their losses and parameters can be
 * compared ({@code ResNetStepsAgreeTest} does, so that no harness times different work).
 */
public final class ResNetSteps {
  /**
   * The weights' and data's seed: one whose float32 forward keeps every ReLU input and max-pool gap
   * well away from its kink at batch 1 and 8, so the engines' float32 steps agree to rounding.
   */
  public static final long SEED = 10;

  private ResNetSteps() {}

  /** One engine's step, repeatable; {@link #run} returns the step's loss. */
  public interface Step extends AutoCloseable {
    double run();

    /**
     * Puts the weights, the running statistics and the optimizer back as they were before the first
     * step (no momentum buffers), so that the steps after it repeat the first ones exactly. R6's
     * loss, a plain sum of the outputs, grows without bound under SGD: run on, the values are no
     * longer finite after some tens of steps, and a harness would time other work.
     */
    void reset();

    /** Every parameter's current values by its state-dict name, row-major. */
    Map<String, double[]> parameters();

    @Override
    default void close() {}
  }

  /** The three engines by name, as the harnesses list them. */
  public static Map<String, IntFunction<Step>> engines() {
    Map<String, IntFunction<Step>> engines = new LinkedHashMap<>();
    engines.put("generated", ResNetSteps::generated);
    engines.put("tape", ResNetSteps::tape);
    engines.put("libtorch", ResNetSteps::libtorch);
    return engines;
  }

  /** The step on the dynamic tape: {@code model.forward} records, {@code backward} replays. */
  public static Step tape(int batch) {
    return ours(
        batch,
        in -> {
          Tensor loss = in.model().forward(in.data()).sub(in.labels()).sum();
          loss.backward();
          return loss;
        });
  }

  /** The step through the adjoint generated from {@code ResNet.loss} at build time: no tape. */
  public static Step generated(int batch) {
    return ours(batch, in -> ResNetGrad.lossBackward(in.model(), in.data(), in.labels()));
  }

  /** How one of our engines computes the loss and adds its gradient into the parameters. */
  private interface Backward {
    Tensor lossWithGradients(ResNetTrainingStep.Inputs in);
  }

  private static Step ours(int batch, Backward backward) {
    ResNetTrainingStep.Inputs in = ResNetTrainingStep.inputs(batch, DType.FLOAT32, SEED);
    ResNet model = in.model();
    Map<String, Tensor> initial = new LinkedHashMap<>();
    model.stateDict().forEach((name, t) -> initial.put(name, t.detach().copy()));
    return new Step() {
      private Sgd optimizer = sgd(model);

      @Override
      public double run() {
        optimizer.zeroGrad();
        Tensor loss = backward.lossWithGradients(in);
        optimizer.step();
        return loss.item();
      }

      @Override
      public void reset() {
        model.zeroGrad();
        model.loadStateDict(initial);
        optimizer = sgd(model);
      }

      @Override
      public Map<String, double[]> parameters() {
        Map<String, double[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> out.put(name, p.toArray()));
        return out;
      }
    };
  }

  private static Sgd sgd(ResNet model) {
    return new Sgd(model.parameters(), 1e-2, 0.9, 0, 0, false);
  }

  /** The step in libtorch (its functional ResNet-18, its own SGD) on the same weights and data. */
  public static Step libtorch(int batch) {
    ResNetTrainingStep.Inputs in = ResNetTrainingStep.inputs(batch, DType.FLOAT32, SEED);
    List<TorchResNet.Entry> state = TorchResNet.stateOf(in.model());
    double[] data = in.data().toArray();
    double[] labels = in.labels().toArray();
    long[] dataShape = longs(in.data().shape());
    long[] labelShape = longs(in.labels().shape());
    return new Step() {
      private TorchResNet torch = new TorchResNet(state, false, 1e-2, 0.9);

      @Override
      public double run() {
        return torch.step(data, dataShape, labels, labelShape);
      }

      @Override
      public void reset() {
        torch.close();
        torch = new TorchResNet(state, false, 1e-2, 0.9);
      }

      @Override
      public Map<String, double[]> parameters() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (TorchResNet.Entry e : state) {
          if (e.parameter()) {
            out.put(e.name(), torch.value(e.name()));
          }
        }
        return out;
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
