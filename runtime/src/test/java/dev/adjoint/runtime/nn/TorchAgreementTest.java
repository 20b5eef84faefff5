package dev.adjoint.runtime.nn;

import static dev.adjoint.runtime.nn.Torch.assertClose;
import static dev.adjoint.runtime.nn.Torch.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.backend.CnnCases;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward and backward of every convolutional-network operation against libtorch on random inputs
 * over the grid of {@link CnnCases}, in float64 (relative 1e-10 of the tensor's largest magnitude)
 * and float32 (1e-5): the values, the gradient of every operand for a random seed, the node's name
 * and, for batch norm, the running statistics.
 */
class TorchAgreementTest {
  private static final Generator GEN = new Generator(21);

  private static double tolerance(DType type) {
    return type == DType.FLOAT64 ? 1e-10 : 1e-5;
  }

  private static Stream<Arguments> withTypes(List<?> cases) {
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      out.add(Arguments.of(i % 2 == 0 ? DType.FLOAT64 : DType.FLOAT32, cases.get(i)));
    }
    return out.stream();
  }

  /**
   * Runs {@code ours} on our leaves and {@code theirs} on libtorch copies of them, seeds both
   * backwards with the same random tensor, and compares the results, the leaves' gradients and the
   * names of the nodes.
   */
  private static void agree(
      DType type,
      Function<List<Tensor>, Tensor> ours,
      Function<List<org.bytedeco.pytorch.Tensor>, org.bytedeco.pytorch.Tensor> theirs,
      Tensor... inputs) {
    try (PointerScope scope = new PointerScope()) {
      List<Tensor> leaves = new ArrayList<>();
      List<org.bytedeco.pytorch.Tensor> torchLeaves = new ArrayList<>();
      for (Tensor t : inputs) {
        leaves.add(t.to(type).detach().requiresGrad(true));
        torchLeaves.add(Torch.of(t.to(type), true));
      }
      Tensor y = ours.apply(leaves);
      org.bytedeco.pytorch.Tensor ty = theirs.apply(torchLeaves);
      double tol = tolerance(type);
      assertClose("result", y, ty, tol);
      assertEquals(ty.grad_fn().name().getString(), y.gradFn().name(), "node name");
      Tensor seed = Tensor.randn(GEN, type, y.shape());
      y.backward(seed);
      ty.mul(Torch.of(seed, false)).sum().backward();
      for (int i = 0; i < leaves.size(); i++) {
        assertClose(
            "gradient of operand " + i, leaves.get(i).grad(), torchLeaves.get(i).grad(), tol);
      }
    }
  }

  private static Tensor randn(int... shape) {
    return Tensor.randn(GEN, DType.FLOAT64, shape);
  }

  static Stream<Arguments> convolutions() {
    return withTypes(CnnCases.convolutions(31, 40, 17, 13));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("convolutions")
  void conv2d(DType type, CnnCases.Conv c) {
    Conv2dParams p = c.p();
    int[] s = {p.strideH(), p.strideW()};
    int[] pad = {p.padH(), p.padW()};
    int[] d = {p.dilationH(), p.dilationW()};
    Tensor x = randn(c.inputShape());
    Tensor w = randn(c.weightShape());
    Tensor[] inputs = c.bias() ? new Tensor[] {x, w, randn(c.o())} : new Tensor[] {x, w};
    agree(
        type,
        t ->
            Functional.conv2d(
                t.get(0), t.get(1), c.bias() ? t.get(2) : null, s, pad, d, p.groups()),
        t ->
            torch.conv2d(
                t.get(0),
                t.get(1),
                c.bias() ? new TensorOptional(t.get(2)) : new TensorOptional(),
                longs(s),
                longs(pad),
                longs(d),
                p.groups()),
        inputs);
  }

  static Stream<Arguments> unbatched() {
    return Stream.of(Arguments.of(DType.FLOAT64), Arguments.of(DType.FLOAT32));
  }

  @ParameterizedTest
  @MethodSource("unbatched")
  void conv2dOfAnUnbatchedInput(DType type) {
    agree(
        type,
        t -> Functional.conv2d(t.get(0), t.get(1), null, 2, 1),
        t ->
            torch.conv2d(
                t.get(0), t.get(1), new TensorOptional(), longs(2, 2), longs(1, 1), longs(1, 1), 1),
        randn(3, 9, 7),
        randn(5, 3, 3, 3));
  }

  static Stream<Arguments> maxPoolings() {
    return withTypes(CnnCases.poolings(32, 30, false, 17, 13));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("maxPoolings")
  void maxPool2d(DType type, CnnCases.Pool c) {
    Pool2dParams p = c.p();
    int[] k = {p.kernelH(), p.kernelW()};
    int[] s = {p.strideH(), p.strideW()};
    int[] pad = {p.padH(), p.padW()};
    int[] d = {p.dilationH(), p.dilationW()};
    agree(
        type,
        t -> Functional.maxPool2d(t.get(0), k, s, pad, d, p.ceilMode()),
        t -> torch.max_pool2d(t.get(0), longs(k), longs(s), longs(pad), longs(d), p.ceilMode()),
        randn(c.shape()));
  }

  static Stream<Arguments> avgPoolings() {
    return withTypes(CnnCases.poolings(33, 30, true, 17, 13));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("avgPoolings")
  void avgPool2d(DType type, CnnCases.Pool c) {
    Pool2dParams p = c.p();
    int[] k = {p.kernelH(), p.kernelW()};
    int[] s = {p.strideH(), p.strideW()};
    int[] pad = {p.padH(), p.padW()};
    agree(
        type,
        t -> Functional.avgPool2d(t.get(0), k, s, pad, p.ceilMode(), p.countIncludePad()),
        t ->
            torch.avg_pool2d(
                t.get(0),
                longs(k),
                longs(s),
                longs(pad),
                p.ceilMode(),
                p.countIncludePad(),
                new LongOptional()),
        randn(c.shape()));
  }

  static Stream<Arguments> adaptive() {
    List<Arguments> out = new ArrayList<>();
    int[][] shapes = {{2, 3, 7, 5}, {1, 4, 13, 11}, {3, 9, 4}, {2, 2, 6, 6}, {1, 1, 3, 2}};
    int[][] sizes = {{3, 2}, {4, 6}, {2, 3}, {1, 1}, {5, 4}};
    for (int i = 0; i < shapes.length; i++) {
      for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
        out.add(Arguments.of(type, shapes[i], sizes[i][0], sizes[i][1]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("adaptive")
  void adaptiveAvgPool2d(DType type, int[] shape, int oh, int ow) {
    agree(
        type,
        t -> Functional.adaptiveAvgPool2d(t.get(0), oh, ow),
        t -> torch.adaptive_avg_pool2d(t.get(0), oh, ow),
        randn(shape));
  }

  @ParameterizedTest
  @MethodSource("unbatched")
  void maxPoolingOfAWindowWhollyInThePaddingIsMinusInfinityWithoutGradient(DType type) {
    // input rows 0..1; the dilated window of output row 0 taps rows −1 and 2: both padding
    Tensor x = Tensor.randn(GEN, type, 1, 1, 2, 2).requiresGrad(true);
    int[] k = {2, 1};
    int[] s = {1, 1};
    int[] pad = {1, 0};
    int[] d = {3, 1};
    try (PointerScope scope = new PointerScope()) {
      Tensor y = Functional.maxPool2d(x, k, s, pad, d, false);
      org.bytedeco.pytorch.Tensor ty =
          torch.max_pool2d(Torch.of(x, false), longs(k), longs(s), longs(pad), longs(d), false);
      assertClose("result", y, ty, 0);
      y.sum().backward();
      assertClose("gradient", x.grad(), Torch.of(Tensor.zeros(type, 1, 1, 2, 2), false), 0);
    }
  }
}
