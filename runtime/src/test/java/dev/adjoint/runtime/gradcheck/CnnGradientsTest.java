package dev.adjoint.runtime.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.backend.CnnCases;
import dev.adjoint.runtime.nn.Functional;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tape gradients of the convolutional-network operations against central differences in
 * float64, over a grid of shapes, strides, paddings, dilations, groups and modes ({@link
 * CnnCases}), on the current (fast) CPU kernels.
 */
class CnnGradientsTest {
  private static final Generator GEN = new Generator(11);
  private static final GradCheck.Options OPTIONS =
      new GradCheck.Options(1e-6, 1e-6, 1e-5, 6, 80, 5);

  private static Tensor randn(int... shape) {
    return Tensor.randn(GEN, DType.FLOAT64, shape);
  }

  private static void check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    GradCheck.Result result = GradCheck.check(f, OPTIONS, inputs);
    assertTrue(result.passed(), result::toString);
  }

  static Stream<CnnCases.Conv> convolutions() {
    return CnnCases.convolutions(1, 40, 6, 7).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convolutions")
  void conv2d(CnnCases.Conv c) {
    Conv2dParams p = c.p();
    int[] stride = {p.strideH(), p.strideW()};
    int[] padding = {p.padH(), p.padW()};
    int[] dilation = {p.dilationH(), p.dilationW()};
    Function<List<Tensor>, Tensor> f =
        x ->
            Functional.conv2d(
                x.get(0),
                x.get(1),
                c.bias() ? x.get(2) : null,
                stride,
                padding,
                dilation,
                p.groups());
    Tensor input = randn(c.inputShape());
    Tensor weight = randn(c.weightShape());
    if (c.bias()) {
      check(f, input, weight, randn(c.o()));
    } else {
      check(f, input, weight);
    }
  }

  @Test
  void conv2dUnbatched() {
    check(
        x -> Functional.conv2d(x.get(0), x.get(1), x.get(2), 2, 1),
        randn(3, 5, 6),
        randn(4, 3, 3, 3),
        randn(4));
  }

  static Stream<CnnCases.Pool> maxPoolings() {
    return CnnCases.poolings(2, 40, false, 5, 9).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maxPoolings")
  void maxPool2d(CnnCases.Pool c) {
    Pool2dParams p = c.p();
    check(
        x ->
            Functional.maxPool2d(
                x.get(0),
                new int[] {p.kernelH(), p.kernelW()},
                new int[] {p.strideH(), p.strideW()},
                new int[] {p.padH(), p.padW()},
                new int[] {p.dilationH(), p.dilationW()},
                p.ceilMode()),
        randn(c.shape()));
  }

  static Stream<CnnCases.Pool> avgPoolings() {
    return CnnCases.poolings(3, 40, true, 5, 9).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avgPoolings")
  void avgPool2d(CnnCases.Pool c) {
    Pool2dParams p = c.p();
    check(
        x ->
            Functional.avgPool2d(
                x.get(0),
                new int[] {p.kernelH(), p.kernelW()},
                new int[] {p.strideH(), p.strideW()},
                new int[] {p.padH(), p.padW()},
                p.ceilMode(),
                p.countIncludePad()),
        randn(c.shape()));
  }

  static Stream<Arguments> adaptiveCases() {
    return Stream.of(
        Arguments.of(new int[] {2, 3, 7, 5}, 3, 2),
        Arguments.of(new int[] {1, 2, 5, 5}, 5, 5),
        Arguments.of(new int[] {2, 2, 4, 6}, 1, 1),
        Arguments.of(new int[] {3, 9, 4}, 2, 3),
        Arguments.of(new int[] {1, 1, 3, 3}, 7, 4),
        Arguments.of(new int[] {2, 3, 13, 11}, 4, 6));
  }

  @ParameterizedTest
  @MethodSource("adaptiveCases")
  void adaptiveAvgPool2d(int[] shape, int oh, int ow) {
    check(x -> Functional.adaptiveAvgPool2d(x.get(0), oh, ow), randn(shape));
  }

  static Stream<Arguments> batchNormCases() {
    return Stream.of(
        Arguments.of(new int[] {4, 3}, true, true),
        Arguments.of(new int[] {2, 3, 5}, true, true),
        Arguments.of(new int[] {2, 3, 4, 5}, true, true),
        Arguments.of(new int[] {3, 2, 3, 3}, true, false),
        Arguments.of(new int[] {1, 4, 2, 3}, false, true),
        Arguments.of(new int[] {2, 3, 4, 5}, false, false),
        Arguments.of(new int[] {5, 2}, false, true));
  }

  @ParameterizedTest
  @MethodSource("batchNormCases")
  void batchNorm(int[] shape, boolean training, boolean affine) {
    int c = shape[1];
    Tensor runningMean = randn(c);
    Tensor runningVar = Tensor.rand(GEN, DType.FLOAT64, c).add(0.5);
    Function<List<Tensor>, Tensor> f =
        x ->
            Functional.batchNorm(
                x.get(0),
                runningMean,
                runningVar,
                affine ? x.get(1) : null,
                affine ? x.get(2) : null,
                training,
                0.1,
                1e-5);
    if (affine) {
      check(f, randn(shape).mul(2).add(1), randn(c), randn(c));
    } else {
      check(f, randn(shape).mul(2).add(1));
    }
  }

  @Test
  void dropout() {
    check(x -> Functional.dropout(x.get(0), 0.4, true, new Generator(3)), randn(3, 4, 5));
    check(x -> Functional.dropout(x.get(0), 1, true, new Generator(3)).add(x.get(0)), randn(5));
  }

  @Test
  void flatten() {
    check(x -> x.get(0).flatten(1).sin(), randn(2, 3, 2, 2));
    check(x -> x.get(0).flatten(0, 1).cos(), randn(2, 3, 4));
    // views of strided tensors, and a copy of a transposed one
    check(x -> x.get(0).narrow(0, 1, 2).flatten(1).sin(), randn(4, 3, 5));
    check(x -> x.get(0).transpose(0, 2).flatten(1).sin(), randn(2, 3, 4));
  }

  @Test
  void smallNetwork() {
    check(
        x -> {
          Tensor h = Functional.conv2d(x.get(0), x.get(1), null, 1, 1);
          h = Functional.batchNorm(h, null, null, x.get(2), x.get(3), true, 0.1, 1e-5).relu();
          h = Functional.maxPool2d(h, 2, 2, 0);
          return Functional.adaptiveAvgPool2d(h, 1, 1).flatten(1);
        },
        randn(2, 2, 6, 6),
        randn(3, 2, 3, 3),
        randn(3),
        randn(3));
  }
}
