package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.CnnCases;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.cpu.CpuBackend;
import dev.adjoint.runtime.backend.cpu.ReferenceNnKernels;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every convolution and pooling kernel of the CUDA backend ({@code nn()}) against the CPU
 * backend's, float32 and float64, over the shared grid ({@link CnnCases}: strides, paddings,
 * dilations, groups and depthwise, ceil mode, batches 1 to 3) and the layers of ResNet, with
 * operands in every layout {@link Pair} makes (contiguous, transposed, a window of a larger tensor,
 * broadcast). A sum agrees within the CPU's own rounding bound ({@link Agreement#summed}), whose
 * {@code Σ|term|} is the reference kernel applied to the operands' absolute values; a maximum
 * agrees exactly. Batch norm is {@link NormAgreement}'s. Run on the host emulation ({@link
 * EmulatedNnKernelsTest}) and on a GPU ({@link GpuNnKernelsTest}).
 */
abstract class NnAgreement {
  static final NnKernels CPU = CpuBackend.INSTANCE.nn();
  static final NnKernels REFERENCE = ReferenceNnKernels.INSTANCE;

  final Random random = new Random(20261204);

  abstract CudaBackend gpu();

  /** Before convolution case {@code index}: the emulation caps the patch matrix here. */
  void beforeConvolution(CnnCases.Conv c, DType type, int index) {}

  Pair pair(DType type, int[] shape, int layout) {
    return Pair.laidOut(gpu(), random, type, shape, layout, -2, 2);
  }

  static Tensor abs(Pair p) {
    return p == null ? null : CpuBackend.INSTANCE.unary(ElementwiseOp.ABS, p.cpu(), DType.FLOAT64);
  }

  static Tensor cpu(Pair p) {
    return p == null ? null : p.cpu();
  }

  static Tensor gpu(Pair p) {
    return p == null ? null : p.gpu();
  }

  private static Stream<Arguments> numbered(List<?> cases) {
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      out.add(Arguments.of(i, i % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64, cases.get(i)));
    }
    return out.stream();
  }

  static Stream<Arguments> convolutions() {
    List<CnnCases.Conv> list = new ArrayList<>(CnnCases.convolutions(71, 44, 17, 13));
    list.addAll(
        List.of(
            // ResNet's stem, a 3 × 3 block layer, its 1 × 1 stride-2 shortcut
            new CnnCases.Conv(2, 3, 23, 21, 8, 7, 7, new Conv2dParams(2, 2, 3, 3, 1, 1, 1), false),
            new CnnCases.Conv(3, 8, 7, 6, 8, 3, 3, new Conv2dParams(1, 1, 1, 1, 1, 1, 1), false),
            new CnnCases.Conv(3, 8, 7, 6, 16, 1, 1, new Conv2dParams(2, 2, 0, 0, 1, 1, 1), false),
            // pointwise, grouped pointwise, depthwise
            new CnnCases.Conv(3, 6, 5, 4, 8, 1, 1, new Conv2dParams(1, 1, 0, 0, 1, 1, 1), true),
            new CnnCases.Conv(2, 6, 5, 4, 8, 1, 1, new Conv2dParams(1, 1, 0, 0, 1, 1, 2), false),
            new CnnCases.Conv(3, 5, 9, 8, 5, 3, 3, new Conv2dParams(1, 2, 1, 1, 1, 1, 5), true),
            new CnnCases.Conv(2, 4, 9, 9, 8, 3, 3, new Conv2dParams(2, 1, 2, 1, 2, 1, 4), true)));
    return numbered(list);
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("convolutions")
  void convolutionAndItsGradients(int index, DType type, CnnCases.Conv c) {
    beforeConvolution(c, type, index);
    Conv2dParams p = c.p();
    int layout = index % 4;
    Pair x = pair(type, c.inputShape(), layout);
    Pair w = pair(type, c.weightShape(), layout + 1);
    Pair b = c.bias() ? pair(type, new int[] {c.o()}, 2) : null;
    int taps = c.kh() * c.kw();
    Tensor y = CPU.conv2d(x.cpu(), w.cpu(), cpu(b), p);
    Agreement.summed(
        "forward",
        y,
        gpu().nn().conv2d(x.gpu(), w.gpu(), gpu(b), p),
        c.c() / p.groups() * taps + 1,
        REFERENCE.conv2d(abs(x), abs(w), abs(b), p).toArray());
    Pair g = pair(type, y.shape(), layout + 2);
    int pixels = c.n() * y.size(2) * y.size(3);
    Agreement.summed(
        "input gradient",
        CPU.conv2dInputGrad(g.cpu(), w.cpu(), c.inputShape(), p),
        gpu().nn().conv2dInputGrad(g.gpu(), w.gpu(), c.inputShape(), p),
        c.o() / p.groups() * taps,
        REFERENCE.conv2dInputGrad(abs(g), abs(w), c.inputShape(), p).toArray());
    Agreement.summed(
        "weight gradient",
        CPU.conv2dWeightGrad(g.cpu(), x.cpu(), c.weightShape(), p),
        gpu().nn().conv2dWeightGrad(g.gpu(), x.gpu(), c.weightShape(), p),
        pixels,
        REFERENCE.conv2dWeightGrad(abs(g), abs(x), c.weightShape(), p).toArray());
    Agreement.summed(
        "bias gradient",
        CPU.channelSum(g.cpu()),
        gpu().nn().channelSum(g.gpu()),
        pixels,
        REFERENCE.channelSum(abs(g)).toArray());
  }

  static Pool2dParams maxPool(int kernel, int stride, int padding) {
    return new Pool2dParams(kernel, kernel, stride, stride, padding, padding, 1, 1, false, false);
  }

  static Stream<Arguments> maxPoolings() {
    List<CnnCases.Pool> list = new ArrayList<>(CnnCases.poolings(72, 40, false, 17, 13));
    // ResNet's: 3 × 3, stride 2, padding 1
    list.add(new CnnCases.Pool(new int[] {2, 4, 12, 11}, maxPool(3, 2, 1)));
    return numbered(list);
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("maxPoolings")
  void maxPoolingAndItsAdjoint(int index, DType type, CnnCases.Pool c) {
    Pool2dParams p = c.p();
    // small integers in every other case, so that windows hold ties (the first maximum wins)
    Pair x = index % 2 == 0 ? ties(type, c.shape(), index % 4) : pair(type, c.shape(), index % 4);
    Tensor y = CPU.maxPool2d(x.cpu(), p);
    Agreement.exact("forward", y, gpu().nn().maxPool2d(x.gpu(), p));
    Pair g = pair(type, y.shape(), index % 4 + 1);
    Tensor x64 = CpuBackend.INSTANCE.copy(x.cpu(), DType.FLOAT64);
    Agreement.summed(
        "adjoint",
        CPU.maxPool2dBackward(g.cpu(), x.cpu(), p),
        gpu().nn().maxPool2dBackward(g.gpu(), x.gpu(), p),
        p.kernelH() * p.kernelW(),
        REFERENCE.maxPool2dBackward(abs(g), x64, p).toArray());
  }

  private Pair ties(DType type, int[] shape, int layout) {
    Pair p = Pair.laidOut(gpu(), random, type, shape, layout, -2, 2);
    return new Pair(
        CpuBackend.INSTANCE.unary(ElementwiseOp.FLOOR, p.cpu(), type),
        gpu().unary(ElementwiseOp.FLOOR, p.gpu(), type));
  }

  @Test
  void maxPoolingTakesTheLastNanOfAWindowAndItsAdjointGoesThere() {
    double nan = Double.NaN;
    double[] values = {1, nan, 3, 2, 7, nan, 5, 4, 4, 0, 9, 9, 8, 1, 2, nan};
    for (DType type : BackendAgreement.FLOATS) {
      Pair x = Pair.of(gpu(), Tensor.fromArray(type, values, 1, 1, 4, 4));
      Pool2dParams p = maxPool(3, 1, 1);
      Tensor y = CPU.maxPool2d(x.cpu(), p);
      Agreement.exact("forward " + type, y, gpu().nn().maxPool2d(x.gpu(), p));
      Pair g = pair(type, y.shape(), 0);
      Agreement.summed(
          "adjoint " + type,
          CPU.maxPool2dBackward(g.cpu(), x.cpu(), p),
          gpu().nn().maxPool2dBackward(g.gpu(), x.gpu(), p),
          9,
          REFERENCE
              .maxPool2dBackward(abs(g), CpuBackend.INSTANCE.copy(x.cpu(), DType.FLOAT64), p)
              .toArray());
    }
  }

  static Stream<Arguments> avgPoolings() {
    return numbered(CnnCases.poolings(73, 40, true, 17, 13));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("avgPoolings")
  void averagePoolingAndItsAdjoint(int index, DType type, CnnCases.Pool c) {
    Pool2dParams p = c.p();
    Pair x = pair(type, c.shape(), index % 4);
    Tensor y = CPU.avgPool2d(x.cpu(), p);
    int taps = p.kernelH() * p.kernelW();
    Agreement.summed(
        "forward",
        y,
        gpu().nn().avgPool2d(x.gpu(), p),
        taps,
        REFERENCE.avgPool2d(abs(x), p).toArray());
    Pair g = pair(type, y.shape(), index % 4 + 1);
    Agreement.summed(
        "adjoint",
        CPU.avgPool2dBackward(g.cpu(), c.shape(), p),
        gpu().nn().avgPool2dBackward(g.gpu(), c.shape(), p),
        taps,
        REFERENCE.avgPool2dBackward(abs(g), c.shape(), p).toArray());
  }

  static Stream<Arguments> adaptivePoolings() {
    int[][] shapes = {
      {2, 3, 7, 5},
      {1, 17, 13, 11},
      {3, 9, 4},
      {2, 2, 6, 6},
      {3, 1, 3, 2},
      {2, 8, 7, 7},
      {1, 2, 1, 1}
    };
    int[][] sizes = {{3, 2}, {4, 6}, {2, 3}, {2, 2}, {5, 4}, {1, 1}, {3, 2}};
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      for (DType type : BackendAgreement.FLOATS) {
        out.add(Arguments.of(i, type, shapes[i], sizes[i][0], sizes[i][1]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} {2} to {3}x{4}")
  @MethodSource("adaptivePoolings")
  void adaptiveAveragePoolingAndItsAdjoint(int index, DType type, int[] shape, int oh, int ow) {
    Pair x = pair(type, shape, index % 4);
    Tensor y = CPU.adaptiveAvgPool2d(x.cpu(), oh, ow);
    int most = shape[shape.length - 2] * shape[shape.length - 1];
    Agreement.summed(
        "forward",
        y,
        gpu().nn().adaptiveAvgPool2d(x.gpu(), oh, ow),
        most,
        REFERENCE.adaptiveAvgPool2d(abs(x), oh, ow).toArray());
    Pair g = pair(type, y.shape(), index % 4 + 1);
    Agreement.summed(
        "adjoint",
        CPU.adaptiveAvgPool2dBackward(g.cpu(), shape),
        gpu().nn().adaptiveAvgPool2dBackward(g.gpu(), shape),
        most,
        REFERENCE.adaptiveAvgPool2dBackward(abs(g), shape).toArray());
  }
}
