package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The float32 fast paths against the general kernels (the fast paths switched off): bit for bit, on
 * random shapes with odd, 0 and 1 sizes, views, broadcasts, NaN and signed zeros.
 */
class FloatFastPathsTest {
  private static final CpuBackend CPU = CpuBackend.INSTANCE;
  private final Random random = new Random(7);
  private final Generator gen = new Generator(11);

  @AfterEach
  void restore() {
    CPU.useFastPaths(true);
  }

  /** Runs {@code f} with the fast paths on and off and checks the results are identical. */
  private void same(Supplier<Tensor> f) {
    CPU.useFastPaths(false);
    Tensor expected = f.get();
    CPU.useFastPaths(true);
    Tensor actual = f.get();
    assertArrayEquals(expected.shape(), actual.shape());
    assertEquals(expected.dtype(), actual.dtype());
    assertArrayEquals(expected.toArray(), actual.toArray());
  }

  private int[] randomShape(int maxRank) {
    int rank = random.nextInt(maxRank + 1);
    int[] shape = new int[rank];
    for (int d = 0; d < rank; d++) {
      int pick = random.nextInt(10);
      shape[d] = pick == 0 ? 0 : pick == 1 ? 1 : 1 + random.nextInt(37);
    }
    return shape;
  }

  // random values with NaN, ±0 and ±∞ sprinkled in
  private Tensor values(DType dtype, int... shape) {
    Tensor t = Tensor.randn(gen, dtype, shape);
    for (int i = 0; i < t.numel(); i++) {
      int pick = random.nextInt(20);
      double v =
          switch (pick) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> 0.0;
            case 3 -> Double.POSITIVE_INFINITY;
            default -> t.storage().get(i);
          };
      t.storage().set(i, v);
    }
    return t;
  }

  private static int[] suffix(int[] shape, int from) {
    return java.util.Arrays.copyOfRange(shape, from, shape.length);
  }

  @Test
  void inPlaceRowAdditionAndReluMatchTheGeneralKernel() {
    for (int trial = 0; trial < 300; trial++) {
      int[] big = randomShape(4);
      int[] row = suffix(big, random.nextInt(big.length + 1));
      Tensor dst = values(DType.FLOAT32, big);
      Tensor src = values(DType.FLOAT32, row);
      same(
          () -> {
            Tensor d = CPU.copy(dst, DType.FLOAT32);
            CPU.addScaledInPlace(d, src, 1);
            return d;
          });
      same(
          () -> {
            Tensor d = CPU.copy(dst, DType.FLOAT32);
            CPU.pointwiseInPlace(Pointwise.RELU, d, 0, 0);
            return d;
          });
      Tensor g = values(DType.FLOAT32, big);
      same(
          () -> {
            Tensor d = CPU.copy(dst, DType.FLOAT32);
            CPU.keepWherePositiveInPlace(d, g);
            return d;
          });
      // in place, relu writes what the out-of-place kernel makes
      Tensor d = CPU.copy(dst, DType.FLOAT32);
      CPU.pointwiseInPlace(Pointwise.RELU, d, 0, 0);
      assertArrayEquals(CPU.pointwise(Pointwise.RELU, dst, 0, 0).toArray(), d.toArray());
    }
  }

  @Test
  void rowBroadcastArithmeticMatchesTheGeneralKernel() {
    ElementwiseOp[] ops = {
      ElementwiseOp.ADD, ElementwiseOp.SUBTRACT, ElementwiseOp.MULTIPLY, ElementwiseOp.DIVIDE
    };
    for (int trial = 0; trial < 300; trial++) {
      int[] big = randomShape(4);
      int[] small = suffix(big, random.nextInt(big.length + 1));
      if (random.nextBoolean() && small.length > 0) {
        int[] withOnes = new int[small.length + 1];
        withOnes[0] = 1;
        System.arraycopy(small, 0, withOnes, 1, small.length);
        small = withOnes;
      }
      Tensor a = values(DType.FLOAT32, big);
      Tensor b = values(DType.FLOAT32, small);
      if (big.length == 2 && random.nextInt(4) == 0) {
        a = values(DType.FLOAT32, big[1], big[0]).t(); // a view: the general kernel
      }
      ElementwiseOp op = ops[random.nextInt(ops.length)];
      Tensor x = a;
      Tensor y = b;
      same(() -> CPU.binary(op, x, y, DType.FLOAT32));
      same(() -> CPU.binary(op, y, x, DType.FLOAT32));
    }
  }

  @Test
  void reluMatchesTheGeneralKernel() {
    for (int trial = 0; trial < 100; trial++) {
      int[] shape = randomShape(3);
      Tensor x = values(DType.FLOAT32, shape);
      same(() -> CPU.pointwise(Pointwise.RELU, x, 0, 0));
      if (shape.length == 2) {
        Tensor view = values(DType.FLOAT32, shape[1], shape[0]).t();
        same(() -> CPU.pointwise(Pointwise.RELU, view, 0, 0));
      }
    }
  }

  @Test
  void compareAndWhereMatchTheGeneralKernel() {
    for (int trial = 0; trial < 200; trial++) {
      int[] shape = randomShape(3);
      Tensor a = values(DType.FLOAT32, shape);
      Tensor b = values(DType.FLOAT32, shape);
      Tensor s = Tensor.wrappedNumber(random.nextInt(3) == 0 ? 0.1 : 0);
      Tensor s32 = Tensor.scalar(DType.FLOAT32, -0.5);
      for (Relation rel : Relation.values()) {
        same(() -> CPU.compare(rel, a, b));
        same(() -> CPU.compare(rel, a, s));
        same(() -> CPU.compare(rel, a, s32));
      }
      Tensor cond = CPU.compare(Relation.GREATER, a, b);
      same(() -> CPU.where(cond, a, b, DType.FLOAT32));
      same(() -> CPU.where(cond, a, s, DType.FLOAT32));
      same(() -> CPU.where(cond, s, b, DType.FLOAT32));
      same(() -> CPU.where(cond, s, s32, DType.FLOAT32));
      same(() -> CPU.where(cond, a, Tensor.wrappedNumber(1e-50), DType.FLOAT32));
      if (shape.length == 2) {
        Tensor view = values(DType.FLOAT32, shape[1], shape[0]).t();
        same(() -> CPU.compare(Relation.GREATER, view, s));
        same(() -> CPU.where(cond, view, s, DType.FLOAT32));
        Tensor row = values(DType.FLOAT32, shape[1]); // broadcast arm: the general kernel
        same(() -> CPU.where(cond, a, row, DType.FLOAT32));
      }
    }
  }

  @Test
  void sumsMatchTheGeneralKernelInEveryDimensionSet() {
    for (int trial = 0; trial < 200; trial++) {
      int[] shape = randomShape(4);
      Tensor x = values(DType.FLOAT32, shape);
      int mask = shape.length == 0 ? 0 : random.nextInt(1 << shape.length);
      int count = Integer.bitCount(mask);
      int[] dims = new int[count];
      for (int d = 0, k = 0; d < shape.length; d++) {
        if ((mask & (1 << d)) != 0) {
          dims[k++] = d;
        }
      }
      boolean keepDim = random.nextBoolean();
      same(() -> CPU.sum(x, dims, keepDim));
      int[] all = new int[shape.length];
      for (int d = 0; d < all.length; d++) {
        all[d] = d;
      }
      same(() -> CPU.sum(x, all, keepDim));
    }
  }

  @Test
  void copiesMatchTheGeneralKernel() {
    for (int trial = 0; trial < 100; trial++) {
      int rows = random.nextInt(70);
      int cols = random.nextInt(70);
      Tensor src = values(DType.FLOAT32, rows, cols);
      Tensor transposed = values(DType.FLOAT32, cols + 3, rows).narrow(0, 1, cols).t();
      for (Tensor s : new Tensor[] {src, transposed}) {
        same(() -> CPU.copy(s, DType.FLOAT32));
        same(
            () -> {
              Tensor dst = Tensor.zeros(DType.FLOAT32, rows + 2, cols).narrow(0, 1, rows);
              CPU.copyInto(dst, s);
              return dst;
            });
      }
      Tensor wide = values(DType.FLOAT64, rows, cols);
      same(() -> CPU.copy(wide, DType.FLOAT32));
      same(() -> CPU.copy(src, DType.FLOAT64));
    }
  }

  @Test
  void scaledAddsMatchTheGeneralKernel() {
    for (int trial = 0; trial < 103; trial++) {
      // the last three: a weight matrix's update and odd sizes above PARALLEL_ELEMENTS, which
      // are split over the GEMM threads
      int[] shape =
          switch (trial) {
            case 100 -> new int[] {512, 784};
            case 101 -> new int[] {3, 65537};
            case 102 -> new int[] {FloatFastPaths.PARALLEL_ELEMENTS + 1};
            default -> randomShape(3);
          };
      Tensor src = values(DType.FLOAT32, shape);
      Tensor start = values(DType.FLOAT32, shape);
      double alpha = random.nextInt(3) == 0 ? -0.01 : random.nextGaussian();
      same(
          () -> {
            Tensor dst = start.copy();
            CPU.addScaledInPlace(dst, src, alpha);
            return dst;
          });
      if (shape.length == 2) {
        Tensor view = values(DType.FLOAT32, shape[1], shape[0]).t();
        same(
            () -> {
              Tensor dst = start.copy();
              CPU.addScaledInPlace(dst, view, alpha);
              return dst;
            });
      }
    }
  }
}
