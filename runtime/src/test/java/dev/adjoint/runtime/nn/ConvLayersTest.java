package dev.adjoint.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convolutional-network layers: PyTorch's defaults, names, initialisation statistics, output
 * shapes, and what changes between training and evaluation. (The operations under them are checked
 * against central differences in {@code CnnGradientsTest}, and the layers against libtorch in the
 * bench module's tests.)
 */
class ConvLayersTest {
  private static final Generator GEN = new Generator(3);

  @Test
  void conv2dHasPyTorchsDefaultsAndNames() {
    Conv2d conv = new Conv2d(3, 8, 5, GEN);
    assertArrayEquals(new int[] {8, 3, 5, 5}, conv.weight().shape());
    assertArrayEquals(new int[] {8}, conv.bias().shape());
    assertArrayEquals(new int[] {1, 1}, conv.stride());
    assertArrayEquals(new int[] {0, 0}, conv.padding());
    assertArrayEquals(new int[] {1, 1}, conv.dilation());
    assertEquals(1, conv.groups());
    assertEquals(DType.FLOAT32, conv.weight().dtype());
    assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
    assertEquals("Conv2d(3, 8, kernel_size=(5, 5), stride=(1, 1))", conv.toString());

    Conv2d stem = Conv2d.builder(3, 64, 7).stride(2).padding(3).bias(false).build(GEN);
    assertNull(stem.bias());
    assertEquals(List.of("weight"), List.copyOf(stem.stateDict().keySet()));
    assertEquals(
        "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)",
        stem.toString());
    // [1, 3, 64, 64] → ⌊(64 + 6 − 7)/2⌋ + 1 = 32
    assertArrayEquals(new int[] {1, 64, 32, 32}, stem.forward(Tensor.rand(1, 3, 64, 64)).shape());
  }

  @Test
  void conv2dInitialisationIsUniformOverOneOverRootFanIn() {
    // fan_in = in/groups · kH · kW = 32/4 · 3 · 3 = 72
    Conv2d conv = Conv2d.builder(32, 64, 3).groups(4).dtype(DType.FLOAT64).build(GEN);
    assertArrayEquals(new int[] {64, 8, 3, 3}, conv.weight().shape());
    double bound = 1 / Math.sqrt(72);
    assertUniform(conv.weight().toArray(), bound);
    assertUniform(conv.bias().toArray(), bound);
    assertEquals(DType.FLOAT64, conv.bias().dtype());
  }

  @Test
  void conv2dRejectsChannelsThatGroupsDoNotDivide() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Conv2d.builder(6, 4, 3).groups(4).build(GEN));
    assertEquals(
        "Conv2d: in channels (6) and out channels (4) must both be divisible by groups (4)",
        e.getMessage());
  }

  @Test
  void kaimingNormalFanOutHasTorchvisionsSpread() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 256, 128, 3, 3);
    Init.kaimingNormalRelu(w, Init.FanMode.FAN_OUT, GEN);
    double[] v = w.toArray();
    double mean = 0;
    double sq = 0;
    for (double x : v) {
      mean += x;
      sq += x * x;
    }
    mean /= v.length;
    double std = Math.sqrt(sq / v.length - mean * mean);
    double want = Math.sqrt(2.0 / (256 * 9)); // √(2 / fan_out)
    assertEquals(0, mean, 4 * want / Math.sqrt(v.length));
    assertEquals(want, std, 0.01 * want);
  }

  @Test
  void batchNormDefaultsAndBuffers() {
    BatchNorm2d bn = new BatchNorm2d(4);
    assertEquals(
        List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(bn.stateDict().keySet()));
    assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
    assertArrayEquals(new double[] {1, 1, 1, 1}, bn.weight().toArray());
    assertArrayEquals(new double[] {0, 0, 0, 0}, bn.bias().toArray());
    assertArrayEquals(new double[] {0, 0, 0, 0}, bn.runningMean().toArray());
    assertArrayEquals(new double[] {1, 1, 1, 1}, bn.runningVar().toArray());
    assertEquals(DType.INT64, bn.numBatchesTracked().dtype());
    assertEquals(0, bn.numBatchesTracked().dim());
    assertEquals(1e-5, bn.eps());
    assertEquals(0.1, bn.momentum());
    assertEquals(
        "BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=True, track_running_stats=True)",
        bn.toString());

    BatchNorm2d plain = new BatchNorm2d(4, 1e-5, 0.1, false, false, DType.FLOAT32);
    assertTrue(plain.stateDict().isEmpty());
  }

  @Test
  void batchNormTrainsOnTheBatchAndEvaluatesOnTheRunningStatistics() {
    BatchNorm2d bn = new BatchNorm2d(2, DType.FLOAT64);
    // channel c of every sample holds 3c + (0, 1, 2, 3): mean 3c + 1.5, biased var 1.25
    double[] values = new double[2 * 2 * 2 * 2];
    for (int i = 0; i < values.length; i++) {
      int c = (i / 4) % 2;
      values[i] = 3 * c + i % 4;
    }
    Tensor x = Tensor.fromArray(DType.FLOAT64, values, 2, 2, 2, 2);
    Tensor y = bn.forward(x);
    double invstd = 1 / Math.sqrt(1.25 + 1e-5);
    for (int i = 0; i < values.length; i++) {
      int c = (i / 4) % 2;
      assertEquals((values[i] - (3 * c + 1.5)) * invstd, y.toArray()[i], 1e-12);
    }
    // running = 0.9·running + 0.1·batch, with the unbiased variance 1.25·8/7
    assertArrayEquals(new double[] {0.15, 0.45}, bn.runningMean().toArray(), 1e-15);
    double unbiased = 1.25 * 8 / 7;
    assertArrayEquals(
        new double[] {0.9 + 0.1 * unbiased, 0.9 + 0.1 * unbiased},
        bn.runningVar().toArray(),
        1e-15);
    assertEquals(1, bn.numBatchesTracked().item());
    bn.forward(x);
    assertEquals(2, bn.numBatchesTracked().item());

    bn.eval();
    double[] mean = bn.runningMean().toArray();
    double[] var = bn.runningVar().toArray();
    Tensor z = bn.forward(x);
    for (int i = 0; i < values.length; i++) {
      int c = (i / 4) % 2;
      assertEquals((values[i] - mean[c]) / Math.sqrt(var[c] + 1e-5), z.toArray()[i], 1e-12);
    }
    assertArrayEquals(mean, bn.runningMean().toArray(), "evaluation leaves the statistics");
    assertEquals(2, bn.numBatchesTracked().item(), "evaluation does not count");
  }

  @Test
  void batchNormChecksTheInput() {
    BatchNorm2d bn = new BatchNorm2d(3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 4, 5, 5)));
    assertEquals(
        "BatchNorm2d(3): expected an input [N, 3, H, W], got [2, 4, 5, 5]", e.getMessage());
  }

  @Test
  void dropoutZeroesAboutPAndScalesTheRest() {
    Dropout dropout = new Dropout(0.25, new Generator(9));
    Tensor x = Tensor.ones(DType.FLOAT64, 100, 100);
    double[] y = dropout.forward(x).toArray();
    int zeros = 0;
    for (double v : y) {
      if (v == 0) {
        zeros++;
      } else {
        assertEquals(1 / 0.75, v, 1e-15);
      }
    }
    // binomial(10⁴, 0.25): σ ≈ 43
    assertEquals(2500, zeros, 200);
    dropout.eval();
    assertSame(x, dropout.forward(x));
  }

  @Test
  void poolingAndFlattenShapes() {
    Tensor x = Tensor.rand(2, 3, 32, 32);
    Tensor pooled = new MaxPool2d(3, 2, 1).forward(x);
    assertArrayEquals(new int[] {2, 3, 16, 16}, pooled.shape());
    assertArrayEquals(new int[] {2, 3, 16, 16}, new MaxPool2d(2).forward(x).shape());
    assertArrayEquals(new int[] {2, 3, 1, 1}, new AdaptiveAvgPool2d(1).forward(x).shape());
    assertArrayEquals(new int[] {2, 3, 5, 7}, new AdaptiveAvgPool2d(5, 7).forward(x).shape());
    assertArrayEquals(new int[] {2, 3 * 16 * 16}, new Flatten().forward(pooled).shape());
    assertEquals(
        "MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
        new MaxPool2d(3, 2, 1).toString());
    // a 4×4 max pool over a ramp takes each window's last element
    Tensor ramp = Tensor.arange(16).reshape(1, 1, 4, 4);
    assertArrayEquals(new double[] {5, 7, 13, 15}, new MaxPool2d(2).forward(ramp).toArray());
    assertArrayEquals(new double[] {7.5}, new AdaptiveAvgPool2d(1).forward(ramp).toArray());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MaxPool2d(
                    new int[] {2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false));
    assertEquals(
        "MaxPool2d: kernelSize must be {height, width}, each at least 1, got [2]", e.getMessage());
  }

  @Test
  void aSmallConvNetLearns() {
    Generator gen = new Generator(4);
    Sequential net =
        new Sequential(
            new Conv2d(1, 4, 3, gen),
            new BatchNorm2d(4),
            new ReLU(),
            new AdaptiveAvgPool2d(1),
            new Flatten(),
            new Linear(4, 2, gen));
    // class 1 images are brighter in their upper half
    Tensor x = Tensor.rand(gen, DType.FLOAT32, 16, 1, 6, 6);
    double[] labels = new double[16];
    for (int n = 0; n < 16; n++) {
      labels[n] = n % 2;
      for (int i = 0; i < 18 && n % 2 == 1; i++) {
        x.storage().set(n * 36 + i, 1 + x.storage().get(n * 36 + i));
      }
    }
    Tensor target = Tensor.fromArray(DType.INT64, labels, 16);
    var adam = new dev.adjoint.runtime.optim.Adam(net.parameters(), 0.05);
    double first = Double.NaN;
    double last = Double.NaN;
    for (int step = 0; step < 60; step++) {
      adam.zeroGrad();
      Tensor loss = Losses.crossEntropy(net.forward(x), target);
      loss.backward();
      adam.step();
      first = step == 0 ? loss.item() : first;
      last = loss.item();
    }
    assertTrue(last < 0.3 * first, first + " -> " + last);
  }

  private static void assertUniform(double[] v, double bound) {
    double max = 0;
    double sq = 0;
    for (double x : v) {
      assertTrue(Math.abs(x) <= bound, x + " beyond " + bound);
      max = Math.max(max, Math.abs(x));
      sq += x * x;
    }
    assertTrue(max > 0.9 * bound, "max |w| = " + max);
    if (v.length > 1000) {
      // U(−b, b) has variance b²/3
      assertEquals(bound * bound / 3, sq / v.length, 0.05 * bound * bound / 3);
    }
  }
}
