package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.runtime.backend.CnnCases;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU backend's fast convolution, pooling and batch-norm kernels against the reference loops
 * ({@link ReferenceNnKernels}) over the shared grid ({@link CnnCases}), float32 and float64, on
 * contiguous operands and on views (a window of a larger tensor, a channels-last permutation, a
 * broadcast gradient).
 */
class FastNnKernelsTest {
  private static final Generator GEN = new Generator(51);
  private static final NnKernels FAST = CpuBackend.INSTANCE.nn();
  private static final NnKernels REFERENCE = ReferenceNnKernels.INSTANCE;

  /** How an operand is laid out. */
  enum Layout {
    CONTIGUOUS,
    WINDOW,
    CHANNELS_LAST
  }

  static Tensor random(DType type, Layout layout, int... shape) {
    return switch (layout) {
      case CONTIGUOUS -> Tensor.randn(GEN, type, shape);
      case WINDOW -> {
        int[] wide = shape.clone();
        wide[wide.length - 1] += 3;
        yield Tensor.randn(GEN, type, wide).narrow(wide.length - 1, 2, shape[shape.length - 1]);
      }
      case CHANNELS_LAST -> {
        if (shape.length != 4) {
          yield random(type, Layout.WINDOW, shape);
        }
        yield Tensor.randn(GEN, type, shape[0], shape[2], shape[3], shape[1]).permute(0, 3, 1, 2);
      }
    };
  }

  static void assertClose(String what, Tensor reference, Tensor fast) {
    assertArrayEquals(reference.shape(), fast.shape(), what + ": shape");
    double rel = reference.dtype() == DType.FLOAT64 ? 1e-12 : 2e-6;
    double[] a = reference.toArray();
    double[] b = fast.toArray();
    double scale = Double.MIN_NORMAL;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - b[i]) <= rel * scale) && a[i] != b[i]) {
        fail(String.format("%s: element %d: reference %.17g, fast %.17g", what, i, a[i], b[i]));
      }
    }
  }

  private static <T> Stream<Arguments> cases(List<T> list) {
    List<Arguments> out = new ArrayList<>();
    Layout[] layouts = Layout.values();
    for (int i = 0; i < list.size(); i++) {
      DType type = i % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
      out.add(Arguments.of(type, layouts[(i / 2) % layouts.length], list.get(i)));
    }
    return out.stream();
  }

  static Stream<Arguments> convolutions() {
    List<CnnCases.Conv> list = new ArrayList<>(CnnCases.convolutions(61, 90, 17, 13));
    // pointwise convolutions take their own path
    list.addAll(
        List.of(
            new CnnCases.Conv(3, 6, 5, 4, 8, 1, 1, new Conv2dParams(1, 1, 0, 0, 1, 1, 1), true),
            new CnnCases.Conv(1, 6, 5, 4, 8, 1, 1, new Conv2dParams(1, 1, 0, 0, 1, 1, 2), false),
            new CnnCases.Conv(2, 4, 7, 7, 4, 1, 1, new Conv2dParams(1, 1, 0, 0, 1, 1, 4), true),
            new CnnCases.Conv(2, 4, 7, 7, 6, 1, 1, new Conv2dParams(2, 2, 0, 0, 1, 1, 1), false),
            // ResNet-18's kinds of shapes, smaller: loops split over threads, the thin paths
            new CnnCases.Conv(
                2, 16, 16, 16, 16, 3, 3, new Conv2dParams(1, 1, 1, 1, 1, 1, 1), false),
            new CnnCases.Conv(
                1, 128, 2, 2, 128, 3, 3, new Conv2dParams(1, 1, 1, 1, 1, 1, 1), false),
            new CnnCases.Conv(3, 64, 4, 4, 128, 3, 3, new Conv2dParams(2, 2, 1, 1, 1, 1, 1), false),
            new CnnCases.Conv(1, 3, 32, 32, 16, 7, 7, new Conv2dParams(2, 2, 3, 3, 1, 1, 1), false),
            new CnnCases.Conv(2, 3, 40, 36, 8, 3, 3, new Conv2dParams(2, 2, 1, 1, 1, 1, 1), true)));
    return cases(list);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("convolutions")
  void conv2d(DType type, Layout layout, CnnCases.Conv c) {
    Conv2dParams p = c.p();
    Tensor x = random(type, layout, c.inputShape());
    Tensor w = random(type, layout, c.weightShape());
    Tensor b = c.bias() ? random(type, Layout.WINDOW, c.o()) : null;
    Tensor y = REFERENCE.conv2d(x, w, b, p);
    assertClose("forward", y, FAST.conv2d(x, w, b, p));
    Tensor g =
        layout == Layout.WINDOW
            ? Tensor.ones(type, 1, 1, 1, 1).expand(y.shape())
            : random(type, layout, y.shape());
    assertClose(
        "input gradient",
        REFERENCE.conv2dInputGrad(g, w, x.shape(), p),
        FAST.conv2dInputGrad(g, w, x.shape(), p));
    assertClose(
        "weight gradient",
        REFERENCE.conv2dWeightGrad(g, x, w.shape(), p),
        FAST.conv2dWeightGrad(g, x, w.shape(), p));
    assertClose("bias gradient", REFERENCE.channelSum(g), FAST.channelSum(g));
  }

  static Stream<Arguments> maxPoolings() {
    return cases(CnnCases.poolings(62, 60, false, 17, 13));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("maxPoolings")
  void maxPool2d(DType type, Layout layout, CnnCases.Pool c) {
    Pool2dParams p = c.p();
    Tensor x = random(type, layout, c.shape());
    Tensor y = REFERENCE.maxPool2d(x, p);
    assertClose("forward", y, FAST.maxPool2d(x, p));
    Tensor g = random(type, layout, y.shape());
    assertClose("backward", REFERENCE.maxPool2dBackward(g, x, p), FAST.maxPool2dBackward(g, x, p));
  }

  static Stream<Arguments> avgPoolings() {
    return cases(CnnCases.poolings(63, 60, true, 17, 13));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("avgPoolings")
  void avgPool2d(DType type, Layout layout, CnnCases.Pool c) {
    Pool2dParams p = c.p();
    Tensor x = random(type, layout, c.shape());
    Tensor y = REFERENCE.avgPool2d(x, p);
    assertClose("forward", y, FAST.avgPool2d(x, p));
    Tensor g = random(type, layout, y.shape());
    assertClose(
        "backward",
        REFERENCE.avgPool2dBackward(g, x.shape(), p),
        FAST.avgPool2dBackward(g, x.shape(), p));
  }

  static Stream<Arguments> adaptive() {
    List<Arguments> out = new ArrayList<>();
    int[][] shapes = {{2, 3, 7, 5}, {1, 17, 13, 11}, {3, 9, 4}, {2, 2, 6, 6}, {3, 1, 3, 2}};
    int[][] sizes = {{3, 2}, {4, 6}, {2, 3}, {2, 2}, {5, 4}};
    for (int i = 0; i < shapes.length; i++) {
      for (Layout layout : Layout.values()) {
        DType type = (i + layout.ordinal()) % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
        out.add(Arguments.of(type, layout, shapes[i], sizes[i][0], sizes[i][1]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}x{4}")
  @MethodSource("adaptive")
  void adaptiveAvgPool2d(DType type, Layout layout, int[] shape, int oh, int ow) {
    Tensor x = random(type, layout, shape);
    Tensor y = REFERENCE.adaptiveAvgPool2d(x, oh, ow);
    assertClose("forward", y, FAST.adaptiveAvgPool2d(x, oh, ow));
    Tensor g = random(type, layout, y.shape());
    assertClose(
        "backward",
        REFERENCE.adaptiveAvgPool2dBackward(g, x.shape()),
        FAST.adaptiveAvgPool2dBackward(g, x.shape()));
  }

  static Stream<Arguments> batchNorms() {
    List<Arguments> out = new ArrayList<>();
    int[][] shapes = {{4, 3}, {2, 5, 7}, {2, 3, 4, 5}, {3, 17, 5, 3}, {1, 2, 3, 3}, {8, 16, 9, 9}};
    for (int i = 0; i < shapes.length; i++) {
      for (Layout layout : Layout.values()) {
        DType type = (i + layout.ordinal()) % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
        out.add(Arguments.of(type, layout, shapes[i], i % 2 == 0));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} training {3}")
  @MethodSource("batchNorms")
  void batchNorm(DType type, Layout layout, int[] shape, boolean training) {
    int c = shape[1];
    Tensor x = random(type, layout, shape).mul(2).add(3);
    Tensor moments = REFERENCE.batchNormMoments(x);
    assertClose("moments", moments, FAST.batchNormMoments(x));
    Tensor mean = moments.select(0, 0);
    Tensor invstd = Tensor.wrappedNumber(1).div(moments.select(0, 1).add(1e-5).sqrt());
    Tensor w = random(type, Layout.WINDOW, c);
    Tensor b = random(type, Layout.CONTIGUOUS, c);
    assertClose(
        "forward",
        REFERENCE.batchNorm(x, w, b, mean, invstd),
        FAST.batchNorm(x, w, b, mean, invstd));
    Tensor g = random(type, layout, shape);
    assertClose(
        "input gradient",
        REFERENCE.batchNormInputGrad(g, x, w, mean, invstd, training),
        FAST.batchNormInputGrad(g, x, w, mean, invstd, training));
    assertClose(
        "weight gradient",
        REFERENCE.batchNormWeightGrad(g, x, mean, invstd),
        FAST.batchNormWeightGrad(g, x, mean, invstd));
  }
}
