package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.backend.cpu.CpuBackend;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Backend} operation of the CUDA backend against the CPU backend, on random inputs in
 * float32 and float64, of odd shapes, in every layout (contiguous, transposed, narrowed,
 * broadcast). Run on the host emulation ({@link EmulatedBackendTest}, in every build) and on a real
 * GPU ({@link GpuBackendTest}, tagged gpu).
 */
abstract class BackendAgreement {
  static final CpuBackend CPU = CpuBackend.INSTANCE;
  static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};
  static final int[][] SHAPES = {
    {}, {1}, {7}, {3, 5}, {2, 3, 4}, {4, 1, 6}, {2, 3, 2, 5}, {33, 17}
  };

  final Random random = new Random(20261203);

  abstract CudaBackend gpu();

  private Pair pair(DType dtype, int[] shape, int layout, double lo, double hi) {
    return Pair.laidOut(gpu(), random, dtype, shape, layout, lo, hi);
  }

  private static double[] domain(ElementwiseOp op) {
    return switch (op) {
      case LOG, LOG10, LOG1P, SQRT -> new double[] {-0.5, 5};
      case ASIN, ACOS -> new double[] {-1.2, 1.2};
      case EXP, EXPM1, SINH, COSH -> new double[] {-6, 6};
      case POW -> new double[] {0.1, 3};
      default -> new double[] {-3, 3};
    };
  }

  @Test
  void unaryOperations() {
    for (ElementwiseOp op : ElementwiseOp.values()) {
      if (op.arity() != 1) {
        continue;
      }
      double[] d = domain(op);
      for (DType dt : FLOATS) {
        for (int s = 0; s < SHAPES.length; s++) {
          Pair x = pair(dt, SHAPES[s], s, d[0], d[1]);
          String what = op + " " + dt + " layout " + s;
          Agreement.elementwise(what, CPU.unary(op, x.cpu(), dt), gpu().unary(op, x.gpu(), dt));
        }
      }
    }
    Pair ints = pair(DType.INT64, new int[] {4, 5}, 1, -9, 9);
    for (ElementwiseOp op : List.of(ElementwiseOp.NEGATE, ElementwiseOp.ABS)) {
      Agreement.exact(
          op + " int64",
          CPU.unary(op, ints.cpu(), DType.INT64),
          gpu().unary(op, ints.gpu(), DType.INT64));
    }
  }

  private static final int[][][] BROADCASTS = {
    {{3, 5}, {3, 5}},
    {{3, 1, 5}, {4, 5}},
    {{5}, {2, 3, 5}},
    {{}, {4}},
    {{2, 1}, {1, 3}},
    {{0, 3}, {3}}
  };

  @Test
  void binaryOperationsBroadcast() {
    for (ElementwiseOp op : ElementwiseOp.values()) {
      if (op.arity() != 2) {
        continue;
      }
      double[] d = domain(op);
      for (DType dt : FLOATS) {
        for (int s = 0; s < BROADCASTS.length; s++) {
          Pair a = pair(dt, BROADCASTS[s][0], s, d[0], d[1]);
          Pair b = pair(dt, BROADCASTS[s][1], s + 1, op == ElementwiseOp.POW ? -2 : d[0], d[1]);
          Agreement.elementwise(
              op + " " + dt + " " + s,
              CPU.binary(op, a.cpu(), b.cpu(), dt),
              gpu().binary(op, a.gpu(), b.gpu(), dt));
        }
        // a Java number (a zero-dimensional host tensor) as the second operand
        Pair a = pair(dt, new int[] {3, 4}, 2, d[0], d[1]);
        for (double number : new double[] {2, 3, -0.75}) {
          Tensor n = Tensor.wrappedNumber(dt == DType.FLOAT32 ? (float) number : number);
          Agreement.elementwise(
              op + " " + dt + " with " + number,
              CPU.binary(op, a.cpu(), n, dt),
              gpu().binary(op, a.gpu(), n, dt));
        }
      }
    }
    Pair f = pair(DType.FLOAT32, new int[] {3, 4}, 0, -2, 2);
    Pair g = pair(DType.FLOAT64, new int[] {4}, 0, -2, 2);
    Agreement.elementwise(
        "float32 · float64",
        CPU.binary(ElementwiseOp.MULTIPLY, f.cpu(), g.cpu(), DType.FLOAT64),
        gpu().binary(ElementwiseOp.MULTIPLY, f.gpu(), g.gpu(), DType.FLOAT64));
  }

  @Test
  void comparisonsAndWhere() {
    for (Relation rel : Relation.values()) {
      for (int s = 0; s < BROADCASTS.length; s++) {
        // small integers as floats, so that ties occur
        Pair a = pair(DType.FLOAT32, BROADCASTS[s][0], s, -2, 3);
        Pair b = pair(DType.FLOAT64, BROADCASTS[s][1], s + 2, -2, 3);
        Tensor ac = CPU.unary(ElementwiseOp.FLOOR, a.cpu(), DType.FLOAT32);
        Tensor ag = gpu().unary(ElementwiseOp.FLOOR, a.gpu(), DType.FLOAT32);
        Tensor bc = CPU.unary(ElementwiseOp.FLOOR, b.cpu(), DType.FLOAT64);
        Tensor bg = gpu().unary(ElementwiseOp.FLOOR, b.gpu(), DType.FLOAT64);
        Agreement.exact(rel + " " + s, CPU.compare(rel, ac, bc), gpu().compare(rel, ag, bg));
      }
    }
    for (DType dt : FLOATS) {
      Pair cond = pair(DType.BOOL, new int[] {3, 1, 5}, 0, 0, 1);
      Pair a = pair(dt, new int[] {4, 5}, 1, -1, 1);
      Pair b = pair(dt, new int[] {1}, 3, -1, 1);
      Agreement.exact(
          "where " + dt,
          CPU.where(cond.cpu(), a.cpu(), b.cpu(), dt),
          gpu().where(cond.gpu(), a.gpu(), b.gpu(), dt));
      Tensor value = Tensor.wrappedNumber(0.25);
      Agreement.exact(
          "maskedFill " + dt,
          CPU.where(cond.cpu(), value, a.cpu(), dt),
          gpu().where(cond.gpu(), value, a.gpu(), dt));
    }
  }

  @Test
  void pointwiseFunctionsAndTheirInPlaceForms() {
    double[][] params = {{0, 0}, {0, 0}, {1, 20}, {-0.5, 0.7}};
    for (Pointwise fn : Pointwise.values()) {
      double[] p = params[fn.ordinal()];
      for (DType dt : FLOATS) {
        for (int s = 0; s < SHAPES.length; s++) {
          Pair x = pair(dt, SHAPES[s], s, -30, 30);
          String what = fn + " " + dt + " " + s;
          Agreement.elementwise(
              what,
              CPU.pointwise(fn, x.cpu(), p[0], p[1]),
              gpu().pointwise(fn, x.gpu(), p[0], p[1]));
          Pair y = pair(dt, SHAPES[s], s == 3 ? 0 : s, -30, 30);
          CPU.pointwiseInPlace(fn, y.cpu(), p[0], p[1]);
          gpu().pointwiseInPlace(fn, y.gpu(), p[0], p[1]);
          Agreement.elementwise(what + " in place", y.cpu(), y.gpu());
        }
      }
    }
    Tensor nan = Tensor.fromArray(DType.FLOAT32, new double[] {Double.NaN, -0.0, 0.0, 2}, 4);
    Tensor onGpu = gpu().upload(nan);
    for (Pointwise fn : List.of(Pointwise.RELU, Pointwise.CLAMP)) {
      Agreement.elementwise(
          fn + " of NaN and zeros",
          CPU.pointwise(fn, nan, -1, 1),
          gpu().pointwise(fn, onGpu, -1, 1));
    }
  }

  @Test
  void gradientFastPathsInPlace() {
    for (DType dt : FLOATS) {
      Pair y = pair(dt, new int[] {6, 9}, 0, -1, 1);
      Pair g = pair(dt, new int[] {6, 9}, 1, -1, 1);
      CPU.keepWherePositiveInPlace(y.cpu(), g.cpu());
      gpu().keepWherePositiveInPlace(y.gpu(), g.gpu());
      Agreement.exact("keepWherePositiveInPlace " + dt, y.cpu(), y.gpu());
      for (int dim = 0; dim < 3; dim++) {
        Pair x = pair(dt, new int[] {3, 4, 5}, 0, -4, 4);
        Tensor yc = CPU.softmax(x.cpu(), dim, true);
        Tensor yg = gpu().softmax(x.gpu(), dim, true);
        Pair gr = pair(dt, new int[] {3, 4, 5}, dim + 1, -1, 1);
        CPU.logSoftmaxBackwardInPlace(yc, gr.cpu(), dim);
        gpu().logSoftmaxBackwardInPlace(yg, gr.gpu(), dim);
        Agreement.summed(
            "logSoftmaxBackwardInPlace " + dt + " dim " + dim,
            yc,
            yg,
            5,
            Agreement.absSum(gr.cpu(), 5, yc));
      }
    }
  }

  private int[] randomDims(int rank) {
    List<Integer> dims = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      if (random.nextBoolean()) {
        dims.add(d);
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void sumsAndMaximaOverDimensions() {
    int[][] shapes = {{}, {7}, {3, 5}, {2, 3, 4}, {4, 1, 6}, {2, 3, 2, 5}, {64, 300}, {3000}};
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      for (int s = 0; s < shapes.length; s++) {
        for (int trial = 0; trial < 3; trial++) {
          int[] dims = trial == 0 ? new int[0] : randomDims(shapes[s].length);
          int[] all =
              dims.length == 0
                  ? java.util.stream.IntStream.range(0, shapes[s].length).toArray()
                  : dims;
          boolean keep = trial == 2;
          Pair x = pair(dt, shapes[s], s + trial, -3, 3);
          String what =
              dt
                  + " "
                  + java.util.Arrays.toString(shapes[s])
                  + " over "
                  + java.util.Arrays.toString(all);
          Tensor magnitude =
              CPU.sum(CPU.unary(ElementwiseOp.ABS, x.cpu(), DType.FLOAT64), all, keep);
          int terms = Math.max(1, x.cpu().numel() / Math.max(1, magnitude.numel()));
          Agreement.summed(
              "sum " + what,
              CPU.sum(x.cpu(), all, keep),
              gpu().sum(x.gpu(), all, keep),
              terms,
              magnitude.toArray());
          if (x.cpu().numel() > 0) {
            Agreement.exact(
                "amax " + what, CPU.amax(x.cpu(), all, keep), gpu().amax(x.gpu(), all, keep));
          }
        }
      }
    }
    Tensor withNan =
        Tensor.fromArray(DType.FLOAT32, new double[] {1, Double.NaN, 3, 4, 5, 6}, 2, 3);
    Agreement.exact(
        "amax with NaN",
        CPU.amax(withNan, new int[] {1}, false),
        gpu().amax(gpu().upload(withNan), new int[] {1}, false));
  }

  @Test
  void softmaxAndLogSoftmax() {
    for (DType dt : FLOATS) {
      for (int[] shape : new int[][] {{5}, {4, 10}, {3, 4, 5}, {64, 10}}) {
        for (int dim = 0; dim < shape.length; dim++) {
          for (boolean log : new boolean[] {false, true}) {
            Pair x = pair(dt, shape, dim, -8, 8);
            Agreement.summed(
                (log ? "logSoftmax " : "softmax ") + dt + " dim " + dim,
                CPU.softmax(x.cpu(), dim, log),
                gpu().softmax(x.gpu(), dim, log),
                shape[dim],
                Agreement.absSum(CPU.softmax(x.cpu(), dim, log), 2, x.cpu()));
          }
        }
      }
    }
  }

  private static final int[][][] PRODUCTS = {
    {{5}, {5}},
    {{3, 5}, {5}},
    {{5}, {5, 4}},
    {{3, 5}, {5, 4}},
    {{2, 3, 5}, {5, 4}},
    {{2, 3, 5}, {2, 5, 4}},
    {{2, 1, 3, 5}, {4, 5, 6}},
    {{64, 784}, {784, 33}},
    {{1, 7}, {7, 1}},
    {{3, 0}, {0, 2}}
  };

  @Test
  void matrixProductsWithPyTorchsRules() {
    for (DType dt : FLOATS) {
      for (int s = 0; s < PRODUCTS.length; s++) {
        for (int layout = 0; layout < 3; layout++) {
          Pair a = pair(dt, PRODUCTS[s][0], layout, -1, 1);
          Pair b = pair(dt, PRODUCTS[s][1], layout + 1, -1, 1);
          Tensor expected = CPU.matmul(a.cpu(), b.cpu());
          Tensor magnitude =
              CPU.matmul(
                  CPU.unary(ElementwiseOp.ABS, a.cpu(), DType.FLOAT64),
                  CPU.unary(ElementwiseOp.ABS, b.cpu(), DType.FLOAT64));
          int k =
              PRODUCTS[s][1].length == 1
                  ? PRODUCTS[s][1][0]
                  : PRODUCTS[s][1][PRODUCTS[s][1].length - 2];
          Agreement.summed(
              "matmul " + dt + " " + s + " layout " + layout,
              expected,
              gpu().matmul(a.gpu(), b.gpu()),
              k,
              magnitude.toArray());
        }
      }
    }
    // W.t() as the linear layer passes it
    Pair x = pair(DType.FLOAT32, new int[] {8, 20}, 0, -1, 1);
    Pair w = pair(DType.FLOAT32, new int[] {12, 20}, 0, -1, 1);
    Tensor expected = CPU.matmul(x.cpu(), Views.transpose(w.cpu(), 0, 1));
    Tensor magnitude =
        CPU.matmul(
            CPU.unary(ElementwiseOp.ABS, x.cpu(), DType.FLOAT64),
            Views.transpose(CPU.unary(ElementwiseOp.ABS, w.cpu(), DType.FLOAT64), 0, 1));
    Agreement.summed(
        "x·Wᵀ",
        expected,
        gpu().matmul(x.gpu(), Views.transpose(w.gpu(), 0, 1)),
        20,
        magnitude.toArray());
  }

  @Test
  void copiesConversionsFillsAndUpdates() {
    DType[] all = DType.values();
    for (DType from : all) {
      for (DType to : all) {
        Pair x = pair(from, new int[] {3, 4}, from.ordinal() + to.ordinal(), -3, 3);
        Agreement.exact(
            "copy " + from + " → " + to, CPU.copy(x.cpu(), to), gpu().copy(x.gpu(), to));
      }
    }
    for (DType dt : FLOATS) {
      Pair dst = pair(dt, new int[] {4, 6}, 2, -1, 1);
      Pair src = pair(dt, new int[] {6}, 0, -1, 1);
      CPU.addScaledInPlace(dst.cpu(), src.cpu(), -0.37);
      gpu().addScaledInPlace(dst.gpu(), src.gpu(), -0.37);
      Agreement.elementwise("addScaledInPlace " + dt, dst.cpu(), dst.gpu());
      CPU.scaleInPlace(dst.cpu(), 1.5);
      gpu().scaleInPlace(dst.gpu(), 1.5);
      Agreement.elementwise("scaleInPlace " + dt, dst.cpu(), dst.gpu());
      Pair t = pair(dt, new int[] {5, 3}, 1, -1, 1);
      CPU.fill(t.cpu(), 0.125);
      gpu().fill(t.gpu(), 0.125);
      Agreement.exact("fill " + dt, t.cpu(), t.gpu());
      CPU.copyInto(t.cpu(), src.cpu().narrow(0, 0, 3));
      gpu().copyInto(t.gpu(), src.gpu().narrow(0, 0, 3));
      Agreement.exact("copyInto broadcast " + dt, t.cpu(), t.gpu());
      for (int dim = 0; dim < 2; dim++) {
        Pair p = pair(dt, new int[] {3, 4}, 0, -1, 1);
        Pair q = pair(dt, new int[] {3, 4}, 1, -1, 1);
        Agreement.exact(
            "cat dim " + dim + " " + dt,
            CPU.cat(List.of(p.cpu(), q.cpu()), dim, dt),
            gpu().cat(List.of(p.gpu(), q.gpu()), dim, dt));
      }
    }
  }

  @Test
  void indexingAndScatter() {
    for (DType dt : FLOATS) {
      for (int dim = 0; dim < 3; dim++) {
        Pair x = pair(dt, new int[] {4, 5, 3}, dim, -2, 2);
        int size = x.cpu().shape()[dim];
        Tensor index = Tensor.ofLongs(2, 0, size - 1, size - 2, 2);
        Pair idx = Pair.of(gpu(), index);
        Agreement.exact(
            "indexSelect " + dt + " dim " + dim,
            CPU.indexSelect(x.cpu(), dim, index),
            gpu().indexSelect(x.gpu(), dim, idx.gpu()));
        int[] srcShape = x.cpu().shape();
        srcShape[dim] = 5;
        Pair src = pair(dt, srcShape, 1, -2, 2);
        Pair dst = pair(dt, x.cpu().shape(), 0, -2, 2);
        CPU.indexAdd(dst.cpu(), dim, index, src.cpu());
        gpu().indexAdd(dst.gpu(), dim, idx.gpu(), src.gpu());
        Agreement.summed(
            "indexAdd " + dt + " dim " + dim,
            dst.cpu(),
            dst.gpu(),
            3,
            Agreement.absSum(src.cpu(), 6, dst.cpu()));
        int[] ishape = {3, 4, 2};
        double[] values = new double[24];
        for (int i = 0; i < values.length; i++) {
          values[i] = random.nextInt(size);
        }
        Tensor gi = Tensor.fromArray(DType.INT64, values, ishape);
        Pair gpair = Pair.of(gpu(), gi);
        Agreement.exact(
            "gather " + dt + " dim " + dim,
            CPU.gather(x.cpu(), dim, gi),
            gpu().gather(x.gpu(), dim, gpair.gpu()));
        Pair s = pair(dt, ishape, 2, -1, 1);
        Pair into = pair(dt, x.cpu().shape(), 0, -1, 1);
        CPU.scatterAdd(into.cpu(), dim, gi, s.cpu());
        gpu().scatterAdd(into.gpu(), dim, gpair.gpu(), s.gpu());
        Agreement.summed(
            "scatterAdd " + dt + " dim " + dim,
            into.cpu(),
            into.gpu(),
            24,
            Agreement.absSum(s.cpu(), 25, into.cpu()));
      }
    }
  }

  @Test
  void anIndexOutOfRangeIsReportedAtTheNextSynchronisation() {
    Tensor x = gpu().upload(Tensor.ones(4, 3));
    Tensor y = gpu().indexSelect(x, 0, gpu().upload(Tensor.ofLongs(1, 9)));
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, y::toArray);
    assertTrue(
        e.getMessage().contains("indexSelect: index 9 is out of range for dimension 0 of size 4"),
        e.getMessage());
    // reported once: the next synchronisation is clean again
    gpu().indexSelect(x, 0, gpu().upload(Tensor.ofLongs(3))).toArray();
  }

  @Test
  void aNegativeIndexIsOutOfRangeOnBothBackends() {
    // as PyTorch's index_select: -1 is not the last row
    Tensor x = Tensor.ones(4, 3);
    IndexOutOfBoundsException cpu =
        assertThrows(
            IndexOutOfBoundsException.class,
            () -> CPU.indexSelect(x, 0, Tensor.ofLongs(1, -1)).toArray());
    Tensor y = gpu().indexSelect(gpu().upload(x), 0, gpu().upload(Tensor.ofLongs(1, -1)));
    IndexOutOfBoundsException onGpu = assertThrows(IndexOutOfBoundsException.class, y::toArray);
    for (IndexOutOfBoundsException e : List.of(cpu, onGpu)) {
      assertTrue(
          e.getMessage()
              .contains("indexSelect: index -1 is out of range for dimension 0 of size 4"),
          e.getMessage());
    }
    // the GPU's report names the operation that found it, as the CPU's message does
    Tensor index = Tensor.ofLongs(0, 1, 2, 5).reshape(4, 1);
    IndexOutOfBoundsException gatherOnCpu =
        assertThrows(IndexOutOfBoundsException.class, () -> CPU.gather(x, 1, index).toArray());
    Tensor gathered = gpu().gather(gpu().upload(x), 1, gpu().upload(index));
    IndexOutOfBoundsException gatherOnGpu =
        assertThrows(IndexOutOfBoundsException.class, gathered::toArray);
    for (IndexOutOfBoundsException e : List.of(gatherOnCpu, gatherOnGpu)) {
      assertTrue(
          e.getMessage().contains("gather: index 5 is out of range for dimension 1 of size 3"),
          e.getMessage());
    }
  }
}
