package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Activation;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.nn.Module;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.optim.Adam;
import dev.adjoint.runtime.optim.Optimizer;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tensor API on a CUDA device, emulated on the host ({@link HostGpu} as {@code cuda:0}): moves,
 * printing, the device check, and training through the tape, the losses and the optimizers, which
 * must give the CPU's numbers. The gpu suite runs the same on the device.
 */
class EmulatedDeviceTest {
  @BeforeAll
  static void emulate() {
    Cuda.emulate(0, new HostGpu(0, 1L << 30));
  }

  @AfterAll
  static void stop() {
    Cuda.stopEmulating(0);
  }

  @Test
  void tensorsMoveAndPrintWhereTheyAre() {
    Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor g = x.cuda();
    assertEquals(Device.cuda(0), g.device());
    assertTrue(g.isCuda());
    assertEquals("tensor([[1., 2., 3.],\n        [4., 5., 6.]], device='cuda:0')", g.toString());
    assertArrayEquals(x.toArray(), g.cpu().toArray());
    assertEquals(Device.cpu(), g.cpu().device());
    assertSame(g, g.to(Device.cuda()));
    assertEquals(21.0, g.sum().item());
    assertEquals(2.0, g.get(0, 1));
    Tensor z = Tensor.zeros(Device.cuda(), DType.FLOAT64, 2, 2);
    assertEquals(
        "tensor([[0., 0.],\n        [0., 0.]], device='cuda:0', dtype=torch.float64)",
        z.toString());
    assertArrayEquals(
        new double[] {7, 7}, Tensor.full(Device.cuda(), DType.FLOAT32, 7, 2).toArray());
  }

  @Test
  void operandsOnTwoDevicesAreAnErrorNamingBoth() {
    Tensor g = Tensor.ones(2, 3).cuda();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> g.add(Tensor.ones(2, 3)));
    assertEquals(
        "add: operands on two devices, cuda:0 (shape [2, 3]) and cpu (shape [2, 3]): move them to"
            + " one device first, with .to(device), .cuda() or .cpu()",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.ones(3, 4).matmul(g.t()));
    // Java numbers and zero-dimensional host tensors go with any device
    assertArrayEquals(new double[] {3, 3, 3, 3, 3, 3}, g.mul(2).add(Tensor.scalar(1)).toArray());
  }

  @Test
  void gradientsFlowBackToTheHostLeaf() {
    Tensor w = Tensor.of(1, 2, 3).requiresGrad(true);
    Tensor loss = w.cuda().mul(w.cuda()).sum();
    assertEquals(Device.cuda(), loss.device());
    loss.backward();
    assertEquals(Device.cpu(), w.grad().device());
    assertArrayEquals(new double[] {2, 4, 6}, w.grad().toArray());
  }

  @Test
  void moduleToMovesTheParametersTheFieldsHold() {
    Linear layer = new Linear(3, 2, new Generator(1));
    Tensor weight = layer.weight();
    double[] before = weight.toArray();
    layer.to(Device.cuda());
    assertSame(weight, layer.weight());
    assertEquals(Device.cuda(), layer.weight().device());
    assertArrayEquals(before, layer.weight().toArray());
    assertTrue(layer.weight().requiresGrad());
    layer.to(Device.cpu());
    assertEquals(Device.cpu(), weight.device());
  }

  private static Sequential mlp(long seed) {
    Generator gen = new Generator(seed);
    return new Sequential(
        new Linear(20, 16, gen),
        Activation.relu(),
        new Linear(16, 16, gen),
        Activation.tanh(),
        new Linear(16, 4, gen));
  }

  // a few training steps of a classifier; returns the losses
  private static double[] train(
      Module model, Tensor x, Tensor target, Function<List<Tensor>, Optimizer> optimizer) {
    Optimizer opt = optimizer.apply(model.parameters());
    double[] losses = new double[5];
    for (int step = 0; step < losses.length; step++) {
      model.zeroGrad();
      Tensor loss = Losses.crossEntropy(model.forward(x), target);
      loss.backward();
      opt.step();
      losses[step] = loss.item();
    }
    return losses;
  }

  private static void trainsLikeTheCpu(Function<List<Tensor>, Optimizer> optimizer) {
    Generator gen = new Generator(9);
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 32, 20);
    long[] labels = new long[32];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4;
    }
    Tensor target = Tensor.ofLongs(labels);
    Sequential onCpu = mlp(3);
    Sequential onGpu = mlp(3);
    onGpu.to(Device.cuda());
    double[] cpu = train(onCpu, x, target, optimizer);
    double[] gpu = train(onGpu, x.cuda(), target.cuda(), optimizer);
    for (int i = 0; i < cpu.length; i++) {
      assertEquals(cpu[i], gpu[i], 1e-5 * Math.abs(cpu[i]), "loss at step " + i);
    }
    List<Tensor> pc = onCpu.parameters();
    List<Tensor> pg = onGpu.parameters();
    for (int i = 0; i < pc.size(); i++) {
      assertEquals(Device.cuda(), pg.get(i).device());
      assertTrue(pc.get(i).allClose(pg.get(i).cpu(), 1e-4, 1e-6), "parameter " + i);
    }
  }

  @Test
  void trainingWithSgdGivesTheCpusNumbers() {
    trainsLikeTheCpu(params -> new Sgd(params, 0.1, 0.9, 0, 1e-4, true));
  }

  @Test
  void trainingWithAdamGivesTheCpusNumbers() {
    trainsLikeTheCpu(params -> new Adam(params, 1e-2));
  }

  @Test
  @SuppressWarnings("try")
  void inPlaceUpdatesAndCopiesAcrossDevices() {
    Tensor p = Tensor.zeros(3).cuda().requiresGrad(true);
    try (GradMode.Scope s = GradMode.noGrad()) {
      p.copyInPlace(Tensor.of(1, 2, 3));
      p.addInPlace(Tensor.of(1, 1, 1).cuda(), 0.5);
    }
    assertArrayEquals(new double[] {1.5, 2.5, 3.5}, p.toArray());
  }
}
