package dev.adjoint.runtime.nn;

import static dev.adjoint.runtime.nn.Torch.assertClose;
import static dev.adjoint.runtime.nn.Torch.longs;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * The layers against libtorch's functional operations called as PyTorch's modules call them: each
 * layer's forward with its own weights and options, and batch norm's state across a sequence of
 * training and evaluation calls (the running statistics carried from call to call, PyTorch's {@code
 * bn_training} rule without tracked statistics). Float64, relative 1e-12; float32 1e-5.
 */
class LayersAgainstLibtorchTest {
  private static final Generator GEN = new Generator(17);

  @Test
  void conv2dLayersCallConv2dWithTheirOptions() {
    Conv2d[] layers = {
      new Conv2d(3, 5, 3, GEN),
      Conv2d.builder(3, 8, 7).stride(2).padding(3).bias(false).dtype(DType.FLOAT64).build(GEN),
      Conv2d.builder(6, 6, 3).groups(6).dilation(2).padding(2, 1).stride(1, 2).build(GEN),
      Conv2d.builder(4, 6, 1, 3).groups(2).dtype(DType.FLOAT64).build(GEN),
    };
    for (Conv2d conv : layers) {
      try (PointerScope scope = new PointerScope()) {
        DType type = conv.weight().dtype();
        Tensor x = Tensor.randn(GEN, type, 2, conv.inChannels(), 11, 9);
        org.bytedeco.pytorch.Tensor expected =
            torch.conv2d(
                Torch.of(x, false),
                Torch.of(conv.weight().detach(), false),
                conv.bias() == null
                    ? new TensorOptional()
                    : new TensorOptional(Torch.of(conv.bias().detach(), false)),
                longs(conv.stride()),
                longs(conv.padding()),
                longs(conv.dilation()),
                conv.groups());
        assertClose(conv.toString(), conv.forward(x), expected, tolerance(type));
      }
    }
  }

  @Test
  void batchNormCarriesItsStatisticsFromCallToCall() {
    for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      BatchNorm2d bn = new BatchNorm2d(3, 1e-3, 0.3, true, true, type);
      Init.uniform(bn.weight().detach(), 0.5, 1.5, GEN);
      Init.uniform(bn.bias().detach(), -1, 1, GEN);
      try (PointerScope scope = new PointerScope()) {
        org.bytedeco.pytorch.Tensor mean = Torch.of(bn.runningMean(), false);
        org.bytedeco.pytorch.Tensor var = Torch.of(bn.runningVar(), false);
        // three training calls, one in evaluation, one more in training
        boolean[] modes = {true, true, true, false, true};
        for (int call = 0; call < modes.length; call++) {
          bn.train(modes[call]);
          Tensor x = Tensor.randn(GEN, type, 4, 3, 5, 2).mul(2).add(call);
          org.bytedeco.pytorch.Tensor expected =
              torch.batch_norm(
                  Torch.of(x, false),
                  new TensorOptional(Torch.of(bn.weight().detach(), false)),
                  new TensorOptional(Torch.of(bn.bias().detach(), false)),
                  new TensorOptional(mean),
                  new TensorOptional(var),
                  modes[call],
                  0.3,
                  1e-3,
                  false);
          String what = type.displayName() + " call " + call;
          assertClose(what + " output", bn.forward(x), expected, tolerance(type));
          assertClose(what + " running_mean", bn.runningMean(), mean, tolerance(type));
          assertClose(what + " running_var", bn.runningVar(), var, tolerance(type));
        }
      }
      org.junit.jupiter.api.Assertions.assertEquals(4, bn.numBatchesTracked().item());
    }
  }

  @Test
  void batchNormWithoutRunningStatisticsUsesTheBatchInEvaluation() {
    BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, false, false, DType.FLOAT64);
    bn.eval();
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 3, 2, 4, 4);
    try (PointerScope scope = new PointerScope()) {
      org.bytedeco.pytorch.Tensor expected =
          torch.batch_norm(
              Torch.of(x, false),
              new TensorOptional(),
              new TensorOptional(),
              new TensorOptional(),
              new TensorOptional(),
              true,
              0.1,
              1e-5,
              false);
      assertClose("untracked, eval", bn.forward(x), expected, 1e-12);
    }
  }

  @Test
  void poolingFlattenAndLinearLayers() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.randn(GEN, DType.FLOAT64, 2, 3, 11, 7);
      org.bytedeco.pytorch.Tensor tx = Torch.of(x, false);
      assertClose(
          "MaxPool2d(3, 2, 1)",
          new MaxPool2d(3, 2, 1).forward(x),
          torch.max_pool2d(tx, longs(3, 3), longs(2, 2), longs(1, 1), longs(1, 1), false),
          0);
      MaxPool2d ceil =
          new MaxPool2d(
              new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 2}, true);
      assertClose(
          "MaxPool2d ceil mode, dilated",
          ceil.forward(x),
          torch.max_pool2d(tx, longs(3, 2), longs(2, 2), longs(1, 0), longs(1, 2), true),
          0);
      assertClose(
          "AdaptiveAvgPool2d(3, 5)",
          new AdaptiveAvgPool2d(3, 5).forward(x),
          torch.adaptive_avg_pool2d(tx, longs(3, 5)),
          1e-12);
      assertClose("Flatten()", new Flatten().forward(x), torch.flatten(tx, 1, -1), 0);
      Linear fc = new Linear(7, 4, true, DType.FLOAT64, GEN);
      assertClose(
          "Linear(7, 4)",
          fc.forward(x),
          torch.linear(
              tx,
              Torch.of(fc.weight().detach(), false),
              new TensorOptional(Torch.of(fc.bias().detach(), false))),
          1e-12);
    }
  }

  private static double tolerance(DType type) {
    return type == DType.FLOAT64 ? 1e-12 : 1e-5;
  }
}
