package dev.adjoint.examples.tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.tape.LineFitExample;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.backend.cuda.Cuda;
import dev.adjoint.runtime.backend.cuda.MemoryStats;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reference cases and the MLP model class on a GPU, with both engines, against the same steps
 * on the CPU (and PyTorch's printed numbers where REFERENCE.md has them); and no growth of device
 * memory over 10⁴ training steps.
 */
@Tag("gpu")
class GpuTrainingTest {
  static final Device GPU = Device.cuda();

  @BeforeEach
  void needsAGpu() {
    Assumptions.assumeTrue(
        Cuda.isAvailable(), () -> "skipped: no CUDA driver: " + Cuda.unavailableReason());
  }

  @Test
  void r1AndR2GradientsOnTheGpu() {
    Tensor w = Tensor.scalar(4).cuda().requiresGrad(true);
    Tensor b = Tensor.scalar(2).cuda().requiresGrad(true);
    Tensor.scalar(5).cuda().mul(w).add(b).backward();
    assertEquals(5.0, w.grad().item());
    assertEquals(1.0, b.grad().item());
    assertEquals(GPU, w.grad().device());
    Tensor a = Tensor.of(2, 3).cuda().requiresGrad(true);
    Tensor c = Tensor.of(6, 4).cuda().requiresGrad(true);
    a.pow(3).mul(3).sub(c.pow(2)).backward(Tensor.of(1, 1).cuda());
    assertArrayEquals(new double[] {36, 81}, a.grad().toArray());
    assertArrayEquals(new double[] {-12, -8}, c.grad().toArray());
  }

  @Test
  void r3OneLayerNetwork() {
    Generator gen = new Generator(0);
    Tensor w = Tensor.randn(gen, DType.FLOAT32, 5, 3);
    Tensor b = Tensor.randn(gen, DType.FLOAT32, 3);
    Tensor wg = w.cuda().requiresGrad(true);
    Tensor bg = b.cuda().requiresGrad(true);
    Tensor z = Tensor.ones(5).cuda().matmul(wg).add(bg);
    Losses.binaryCrossEntropyWithLogits(z, Tensor.zeros(3).cuda()).backward();
    Tensor expected = z.detach().sigmoid().div(3).cpu();
    assertTrue(bg.grad().cpu().allClose(expected, 1e-5, 1e-7));
    for (int row = 0; row < 5; row++) {
      assertTrue(wg.grad().cpu().select(0, row).allClose(expected, 1e-5, 1e-7));
    }
  }

  // R4 on the tape with the data on `device`: 5000 epochs; returns {w, b, loss}
  @SuppressWarnings("try")
  private static double[] temperature(Device device) {
    Tensor tc = Tensor.of(0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0).to(device);
    Tensor tu =
        Tensor.of(35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4)
            .mul(0.1)
            .to(device);
    Tensor w = Tensor.scalar(1).to(device).requiresGrad(true);
    Tensor b = Tensor.scalar(0).to(device).requiresGrad(true);
    double loss = 0;
    for (int epoch = 0; epoch < 5000; epoch++) {
      Tensor l = tu.mul(w).add(b).sub(tc).pow(2).mean();
      l.backward();
      try (GradMode.Scope s = GradMode.noGrad()) {
        w.subInPlace(w.grad().mul(1e-2));
        b.subInPlace(b.grad().mul(1e-2));
      }
      w.zeroGrad();
      b.zeroGrad();
      if (epoch == 4999) {
        loss = l.item();
      }
    }
    return new double[] {w.item(), b.item(), loss};
  }

  @Test
  void r4TemperatureTrainingMatchesTheCpuAndPyTorch() {
    double[] cpu = temperature(Device.cpu());
    double[] gpu = temperature(GPU);
    assertEquals(5.3671, gpu[0], 1e-4);
    assertEquals(-17.3012, gpu[1], 1e-4);
    assertEquals(2.927647, gpu[2], 1e-5);
    assertArrayEquals(cpu, gpu, 1e-4);
  }

  @Test
  @SuppressWarnings("try")
  void r5LineFitMatchesTheCpu() {
    LineFitExample.Result cpu = LineFitExample.fit(0);
    Generator gen = new Generator(0);
    Tensor x = Tensor.arange(1, 100, 1);
    double[] noise = new double[x.numel()];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = Math.floor(gen.nextUniform(-2, 4));
    }
    Tensor y = x.mul(20).add(5).add(Tensor.of(noise)).cuda();
    x = x.cuda();
    Tensor w = Tensor.scalar(0).cuda().requiresGrad(true);
    Tensor b = Tensor.scalar(0).cuda().requiresGrad(true);
    double last = 0;
    for (int epoch = 0; epoch < 100; epoch++) {
      Tensor loss = x.mul(w).add(b).sub(y).pow(2).mean();
      loss.backward();
      try (GradMode.Scope s = GradMode.noGrad()) {
        w.subInPlace(w.grad().mul(1e-4));
        b.subInPlace(b.grad().mul(1e-4));
      }
      w.zeroGrad();
      b.zeroGrad();
      last = loss.item();
    }
    assertEquals(cpu.lastLoss(), last, 1e-4 * cpu.lastLoss());
    assertEquals(cpu.w(), w.item(), 1e-4);
  }

  private static Mlp mlp(Device device) {
    Mlp model = new Mlp(784, 256, 10, new Generator(42));
    model.hidden.to(device);
    model.output.to(device);
    return model;
  }

  private static Tensor labels() {
    long[] l = new long[64];
    for (int i = 0; i < l.length; i++) {
      l[i] = (i * 7) % 10;
    }
    return Tensor.ofLongs(l);
  }

  // five SGD steps of the model class with one engine; returns the losses
  private static double[] mlpSteps(Device device, boolean generated) {
    Mlp model = mlp(device);
    Tensor x = Tensor.randn(new Generator(7), DType.FLOAT32, 64, 784).to(device);
    Tensor labels = labels().to(device);
    Sgd sgd = new Sgd(model.parameters(), 0.05, 0.9, 0, 0, false);
    double[] losses = new double[5];
    for (int step = 0; step < losses.length; step++) {
      sgd.zeroGrad();
      Tensor loss;
      if (generated) {
        loss = MlpGrad.lossBackward(model, x, labels);
      } else {
        loss = model.loss(x, labels);
        loss.backward();
      }
      sgd.step();
      losses[step] = loss.item();
    }
    return losses;
  }

  @Test
  void theMlpModelClassTrainsOnTheGpuWithBothEnginesAsOnTheCpu() {
    double[] cpu = mlpSteps(Device.cpu(), false);
    for (boolean generated : new boolean[] {false, true}) {
      double[] gpu = mlpSteps(GPU, generated);
      for (int i = 0; i < cpu.length; i++) {
        assertEquals(
            cpu[i], gpu[i], 1e-5 * Math.max(1, cpu[i]), "step " + i + " generated " + generated);
      }
    }
  }

  // what unreachable tensors held goes back: collect, let the reference handler enqueue, drain
  private static void settle() {
    Cuda.synchronize();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Cuda.emptyCache();
    }
  }

  @Test
  void deviceMemoryDoesNotGrowOverTenThousandSteps() {
    Mlp model = mlp(GPU);
    Tensor x = Tensor.randn(new Generator(7), DType.FLOAT32, 64, 784).cuda();
    Tensor labels = labels().cuda();
    Sgd sgd = new Sgd(model.parameters(), 0.01);
    long[] held = new long[2];
    for (int step = 1; step <= 10_000; step++) {
      sgd.zeroGrad();
      MlpGrad.lossBackward(model, x, labels);
      sgd.step();
      if (step == 1_000 || step == 10_000) {
        settle();
        held[step == 1_000 ? 0 : 1] = Cuda.memoryStats().allocatedBytes();
      }
    }
    MemoryStats stats = Cuda.memoryStats();
    System.out.println("after 10⁴ MLP steps: " + stats);
    assertTrue(held[1] <= held[0] + (1 << 20), "held " + held[0] + " → " + held[1] + ": " + stats);
    List<Tensor> params = model.parameters();
    long paramBytes = params.stream().mapToLong(p -> 4L * p.numel()).sum();
    assertTrue(held[1] < 4 * paramBytes + (64 << 20), stats.toString());
  }
}
