package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loops split over the GEMM threads ({@link ParallelRanges}) give the one-thread result bit for
 * bit, on sizes above the thresholds (odd ones, so that ranges end off the 64-element grain), and
 * the one-thread fast path gives the general kernel's (fast paths off): elementwise arithmetic,
 * relu and its gradient, masks, copies, in-place updates, convolution's gradient gathering and bias
 * sums, batch norm and max pooling.
 */
class ParallelSplitTest {
  private static final CpuBackend CPU = CpuBackend.INSTANCE;
  private static final NnKernels NN = CPU.nn();
  private static final int N = ParallelRanges.PARALLEL_ELEMENTS + 37;
  private final Generator gen = new Generator(5);
  private int threadsBefore;

  @BeforeEach
  void needsTwoThreads() {
    assumeTrue(GemmThreads.PARALLELISM > 1, "one processor: nothing is split");
    threadsBefore = Gemm.threads();
  }

  @AfterEach
  void restore() {
    CPU.useFastPaths(true);
    Gemm.setThreads(threadsBefore);
  }

  /** {@code f} on the general kernels, then the fast paths on one thread and on two: one result. */
  private void same(Supplier<Tensor> f) {
    CPU.useFastPaths(false);
    Gemm.setThreads(1);
    double[] general = f.get().toArray();
    CPU.useFastPaths(true);
    double[] one = f.get().toArray();
    Gemm.setThreads(2);
    GemmThreads.endSolo(); // a busy machine may have sent jobs to the caller alone
    double[] two = f.get().toArray();
    assertArrayEquals(general, one, "one thread against the general kernel");
    assertArrayEquals(one, two, "two threads against one");
  }

  /** Only the split, for kernels whose general form rounds differently (sums in another order). */
  private void sameOnBoth(Supplier<Tensor> f) {
    Gemm.setThreads(1);
    double[] one = f.get().toArray();
    Gemm.setThreads(2);
    GemmThreads.endSolo();
    double[] two = f.get().toArray();
    assertArrayEquals(one, two, "two threads against one");
  }

  // random values with a zero of each sign and a NaN, so every branch of relu and the masks runs
  private Tensor values(int... shape) {
    Tensor t = Tensor.randn(gen, DType.FLOAT32, shape);
    t.storage().set(t.offset() + 3, -0.0);
    t.storage().set(t.offset() + 5, 0.0);
    t.storage().set(t.offset() + t.numel() - 2, Double.NaN);
    return t;
  }

  @Test
  void elementsAreSplitIntoWholeGrainsThatCoverTheLoopOnce() {
    for (int threads : new int[] {1, 2}) {
      Gemm.setThreads(threads);
      GemmThreads.endSolo();
      List<int[]> ranges = new ArrayList<>();
      ParallelRanges.elements(
          N,
          (lo, hi) -> {
            synchronized (ranges) {
              ranges.add(new int[] {lo, hi});
            }
          });
      ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
      int at = 0;
      for (int[] r : ranges) {
        assertEquals(at, r[0], "ranges meet");
        assertTrue(r[1] == N || r[1] % ParallelRanges.ELEMENT_GRAIN == 0, "whole grains");
        at = r[1];
      }
      assertEquals(N, at);
      if (threads == 1) {
        assertEquals(1, ranges.size(), "one thread: one loop");
      } else {
        assertTrue(ranges.size() > 1, "two threads: split, got " + ranges.size() + " range(s)");
      }
    }
    // below the threshold: one loop whatever the threads
    int[] calls = new int[1];
    ParallelRanges.elements(ParallelRanges.PARALLEL_ELEMENTS - 1, (lo, hi) -> calls[0]++);
    assertEquals(1, calls[0]);
  }

  @Test
  void arithmeticOfTwoTensorsAndOfATensorAndAScalar() {
    Tensor a = values(3, N / 3);
    Tensor b = values(3, N / 3);
    Tensor s = Tensor.wrappedNumber(1.7);
    for (ElementwiseOp op :
        new ElementwiseOp[] {
          ElementwiseOp.ADD, ElementwiseOp.SUBTRACT, ElementwiseOp.MULTIPLY, ElementwiseOp.DIVIDE
        }) {
      same(() -> CPU.binary(op, a, b, DType.FLOAT32));
      same(() -> CPU.binary(op, a, s, DType.FLOAT32));
      same(() -> CPU.binary(op, s, a, DType.FLOAT32));
    }
  }

  @Test
  void reluItsGradientAndTheMasks() {
    Tensor x = values(N);
    Tensor g = values(N);
    same(() -> CPU.pointwise(Pointwise.RELU, x, 0, 0));
    same(
        () -> {
          Tensor y = x.copy();
          CPU.pointwiseInPlace(Pointwise.RELU, y, 0, 0);
          return y;
        });
    same(
        () -> {
          Tensor y = x.copy();
          CPU.keepWherePositiveInPlace(y, g);
          return y;
        });
    Tensor zero = Tensor.wrappedNumber(0);
    same(() -> CPU.compare(Relation.GREATER, x, zero));
    same(() -> CPU.compare(Relation.GREATER_OR_EQUAL, x, g));
    Tensor mask = CPU.compare(Relation.GREATER, x, zero);
    same(() -> CPU.where(mask, g, zero, DType.FLOAT32));
    same(() -> CPU.where(mask, g, x, DType.FLOAT32));
  }

  @Test
  void copiesAndInPlaceUpdates() {
    Tensor src = values(N);
    Tensor start = values(N);
    same(
        () -> {
          Tensor d = Tensor.zeros(N);
          CPU.copyInto(d, src);
          return d;
        });
    same(
        () -> {
          Tensor d = start.copy();
          CPU.addScaledInPlace(d, src, -0.3);
          return d;
        });
    same(
        () -> {
          Tensor d = start.copy();
          CPU.scaleInPlace(d, 0.9);
          return d;
        });
  }

  @Test
  void convolutionGradientsAndBiasSumsOverABatch() {
    // batch 4, 64 → 64 channels at 16 × 16: the gathered output gradient is 64 × 1024
    Tensor x = values(4, 64, 16, 16);
    Tensor w = values(64, 64, 3, 3);
    Tensor g = values(4, 64, 16, 16);
    Conv2dParams p = new Conv2dParams(1, 1, 1, 1, 1, 1, 1);
    sameOnBoth(() -> NN.conv2dInputGrad(g, w, x.shape(), p));
    sameOnBoth(() -> NN.conv2dWeightGrad(g, x, w.shape(), p));
    sameOnBoth(() -> NN.channelSum(g));
  }

  @Test
  void batchNormAndMaxPoolingOverChannelsAndPlanes() {
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 4, 64, 24, 24);
    Tensor g = Tensor.randn(gen, DType.FLOAT32, 4, 64, 24, 24);
    Tensor w = Tensor.randn(gen, DType.FLOAT32, 64);
    Tensor b = Tensor.randn(gen, DType.FLOAT32, 64);
    sameOnBoth(() -> NN.batchNormMoments(x));
    Tensor moments = NN.batchNormMoments(x);
    Tensor mean = moments.select(0, 0);
    Tensor invstd = Tensor.wrappedNumber(1).div(moments.select(0, 1).add(1e-5).sqrt());
    sameOnBoth(() -> NN.batchNorm(x, w, b, mean, invstd));
    sameOnBoth(() -> NN.batchNormInputGrad(g, x, w, mean, invstd, true));
    sameOnBoth(() -> NN.batchNormWeightGrad(g, x, mean, invstd));
    Pool2dParams pool = new Pool2dParams(3, 3, 2, 2, 1, 1, 1, 1, false, false);
    sameOnBoth(() -> NN.maxPool2d(x, pool));
    Tensor gy = Tensor.randn(gen, DType.FLOAT32, NN.maxPool2d(x, pool).shape());
    sameOnBoth(() -> NN.maxPool2dBackward(gy, x, pool));
  }
}
