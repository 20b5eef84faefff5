package dev.adjoint.examples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.backend.cuda.Cuda;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ResNet-18 trained three steps on a GPU (cross-entropy, SGD with momentum 0.9, batch norm in
 * training mode) against the same steps on the CPU, per engine: the losses, then every parameter
 * and running statistic. Float64 pins the two devices to the same numbers; float32, whose sums
 * round in another order on each (cuBLAS against the CPU's blocked products), agrees within its
 * precision carried through 20 layers and three updates.
 */
@Tag("gpu")
class GpuResNetTest {
  /**
   * The engines a step can run on. The generated one joins when the processor differentiates {@code
   * ResNet.forward}: add its constant and its case in {@link #lossAndGradients}.
   */
  enum Engine {
    TAPE
  }

  @BeforeEach
  void needsAGpu() {
    Assumptions.assumeTrue(
        Cuda.isAvailable(), () -> "skipped: no CUDA driver: " + Cuda.unavailableReason());
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Engine engine : Engine.values()) {
      // the loss's relative tolerance; the state's relative and absolute ones
      out.add(Arguments.of(engine, DType.FLOAT64, 1e-10, 1e-8, 1e-10));
      // float32: an activation near a ReLU kink may fall on the other side on one device
      out.add(Arguments.of(engine, DType.FLOAT32, 1e-3, 1e-2, 1e-4));
    }
    return out;
  }

  private record Run(ResNet model, double[] losses) {}

  private static Tensor lossAndGradients(Engine engine, ResNet model, Tensor x, Tensor labels) {
    return switch (engine) {
      case TAPE -> {
        Tensor loss = Losses.crossEntropy(model.forward(x), labels);
        loss.backward();
        yield loss;
      }
    };
  }

  private static Run train(Engine engine, DType type, Device device) {
    Generator gen = new Generator(0);
    ResNet model = ResNet.resnet18(1000, type, gen);
    model.to(device);
    Tensor x = Tensor.randn(gen, type, 2, 3, 64, 64).to(device);
    Tensor labels = Tensor.ofLongs(7, 912).to(device);
    Sgd sgd = new Sgd(model.parameters(), 1e-2, 0.9, 0, 0, false);
    double[] losses = new double[3];
    for (int step = 0; step < losses.length; step++) {
      sgd.zeroGrad();
      losses[step] = lossAndGradients(engine, model, x, labels).item();
      sgd.step();
    }
    return new Run(model, losses);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void resnet18TrainsOnTheGpuAsOnTheCpu(
      Engine engine, DType type, double tolerance, double rtol, double atol) {
    Run cpu = train(engine, type, Device.cpu());
    Run gpu = train(engine, type, Device.cuda());
    for (int i = 0; i < cpu.losses().length; i++) {
      assertEquals(
          cpu.losses()[i], gpu.losses()[i], tolerance * Math.abs(cpu.losses()[i]), "loss " + i);
    }
    Map<String, Tensor> expected = cpu.model().stateDict();
    List<String> far = new ArrayList<>();
    gpu.model()
        .stateDict()
        .forEach(
            (name, t) -> {
              if (!expected.get(name).allClose(t.cpu(), rtol, atol)) {
                far.add(name);
              }
            });
    assertTrue(far.isEmpty(), () -> "after three steps, off the CPU's values: " + far);
  }
}
