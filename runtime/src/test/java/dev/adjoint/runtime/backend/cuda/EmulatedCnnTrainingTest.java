package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.AdaptiveAvgPool2d;
import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Conv2d;
import dev.adjoint.runtime.nn.Dropout;
import dev.adjoint.runtime.nn.Flatten;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.nn.MaxPool2d;
import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.nn.ReLU;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A small convolutional network trained on the emulated {@code cuda:0} through the tape, the layers
 * and SGD with momentum, against the same steps on the CPU: every CNN kernel in its place in a
 * model (convolutions with and without bias, stride 2 and groups, batch norm with and without
 * affine parameters in training and evaluation, max pooling, dropout, adaptive pooling), the
 * running statistics updated on the device. ResNet-18 does the same on a real GPU (examples'
 * GpuResNetTest).
 */
class EmulatedCnnTrainingTest {
  @BeforeAll
  static void emulate() {
    Cuda.emulate(0, new HostGpu(0, 1L << 30));
  }

  @AfterAll
  static void stop() {
    Cuda.stopEmulating(0);
  }

  private static Module network(DType type) {
    Generator gen = new Generator(17);
    return new Sequential(
        Conv2d.builder(3, 8, 3).padding(1).dtype(type).build(gen),
        new BatchNorm2d(8, type),
        new ReLU(),
        new MaxPool2d(3, 2, 1),
        Conv2d.builder(8, 12, 3).stride(2).padding(1).groups(2).bias(false).dtype(type).build(gen),
        new BatchNorm2d(12, 1e-5, 0.1, false, true, type),
        new ReLU(),
        new Dropout(0.25, new Generator(5)),
        new AdaptiveAvgPool2d(1, 1),
        new Flatten(),
        new Linear(12, 5, true, type, gen));
  }

  /** Three SGD steps on {@code device}, then an evaluation; returns the four losses. */
  @SuppressWarnings("try")
  private static double[] train(Module model, DType type, Device device) {
    model.to(device);
    Generator gen = new Generator(23);
    Tensor x = Tensor.randn(gen, type, 4, 3, 12, 12).to(device);
    Tensor labels = Tensor.ofLongs(0, 3, 1, 4).to(device);
    Sgd sgd = new Sgd(model.parameters(), 0.1, 0.9, 0, 0, false);
    double[] losses = new double[4];
    for (int step = 0; step < 3; step++) {
      sgd.zeroGrad();
      Tensor loss = Losses.crossEntropy(model.forward(x), labels);
      loss.backward();
      sgd.step();
      losses[step] = loss.item();
    }
    model.eval();
    try (GradMode.Scope s = GradMode.noGrad()) {
      losses[3] = Losses.crossEntropy(model.forward(x), labels).item();
    }
    return losses;
  }

  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT32", "FLOAT64"})
  void aConvolutionalNetworkTrainsOnTheGpuAsOnTheCpu(DType type) {
    // float64 agrees to the last bits that its sums' order leaves; float32 within its precision
    double tolerance = type == DType.FLOAT64 ? 1e-12 : 1e-5;
    Module onCpu = network(type);
    Module onGpu = network(type);
    double[] cpu = train(onCpu, type, Device.cpu());
    double[] gpu = train(onGpu, type, Device.cuda());
    for (int i = 0; i < cpu.length; i++) {
      assertEquals(cpu[i], gpu[i], tolerance * Math.abs(cpu[i]), "loss " + i);
    }
    Map<String, Tensor> expected = onCpu.stateDict();
    onGpu
        .stateDict()
        .forEach(
            (name, t) -> {
              assertEquals(Device.cuda(), t.device(), name);
              assertTrue(
                  expected.get(name).allClose(t.cpu(), 100 * tolerance, tolerance),
                  name + " after three steps");
            });
  }
}
