package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many parameters' momentum updates in one split pass ({@link MomentumBatch}, and {@link Sgd}
 * through it) give, on one thread and on two, the bits of the unfused formula run parameter by
 * parameter: sizes from 0 to above the split threshold, float32 and float64 side by side.
 */
class MomentumBatchTest {
  private static final int[] SIZES = {7, 0, 1000, 64, ParallelRanges.PARALLEL_ELEMENTS + 37, 3};
  private final int threadsBefore = Gemm.threads();

  @AfterEach
  void restore() {
    Gemm.setThreads(threadsBefore);
  }

  private static DType typeOf(int i) {
    return i % 3 == 2 ? DType.FLOAT64 : DType.FLOAT32;
  }

  private static List<Tensor> random(long seed, double scale) {
    Generator gen = new Generator(seed);
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      out.add(Tensor.randn(gen, typeOf(i), SIZES[i]).mul(scale));
    }
    return out;
  }

  @Test
  @SuppressWarnings("try")
  void oneBatchGivesTheUnfusedBitsOnOneThreadAndOnTwo() {
    assumeTrue(GemmThreads.PARALLELISM > 1, "one processor: nothing is split");
    List<Tensor> p0 = random(1, 1);
    List<Tensor> g = random(2, 1e-3);
    List<Tensor> b0 = random(3, 1e-2);
    double lr = 1e-2;
    double momentum = 0.9;
    double dampening = 0.1;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      List<double[]> expectedP = new ArrayList<>();
      List<double[]> expectedB = new ArrayList<>();
      for (int i = 0; i < SIZES.length; i++) {
        Tensor p = p0.get(i).copy();
        Tensor b = b0.get(i).copy();
        b.mulInPlace(momentum).addInPlace(g.get(i), 1 - dampening);
        p.addInPlace(b, -lr);
        expectedP.add(p.toArray());
        expectedB.add(b.toArray());
      }
      for (int threads : new int[] {1, 2}) {
        Gemm.setThreads(threads);
        GemmThreads.endSolo();
        MomentumBatch batch = new MomentumBatch(lr, momentum, dampening);
        List<Tensor> p = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
          p.add(p0.get(i).copy());
          b.add(b0.get(i).copy());
          assertTrue(batch.add(p.get(i), g.get(i), b.get(i)));
        }
        int version = p.get(4).storage().version();
        batch.run();
        assertTrue(p.get(4).storage().version() > version, "the update counts as a write");
        for (int i = 0; i < SIZES.length; i++) {
          assertArrayEquals(expectedP.get(i), p.get(i).toArray(), threads + " thread(s), p" + i);
          assertArrayEquals(expectedB.get(i), b.get(i).toArray(), threads + " thread(s), b" + i);
        }
      }
      assertFalse(
          java.util.Arrays.equals(p0.get(4).toArray(), expectedP.get(4)), "the test can fail");
    }
  }

  @Test
  void declinesWhatOneUpdateDeclines() {
    MomentumBatch batch = new MomentumBatch(1e-2, 0.9, 0);
    Tensor p = Tensor.randn(new Generator(1), DType.FLOAT32, 4, 6);
    Tensor strided = Tensor.randn(new Generator(2), DType.FLOAT32, 6, 4).transpose(0, 1);
    assertFalse(batch.add(p, strided, Tensor.zeros(4, 6)));
    assertFalse(batch.add(p, p, Tensor.zeros(4, 6)));
  }

  /** Three SGD steps on the given thread count: each parameter's values after them. */
  private static List<double[]> sgdSteps(int threads, boolean shareAnArray) {
    Gemm.setThreads(threads);
    GemmThreads.endSolo();
    List<Tensor> params = new ArrayList<>();
    for (Tensor t : random(4, 1)) {
      params.add(t.detach().requiresGrad(true));
    }
    if (shareAnArray) {
      // two views of one array are updated one after the other, so they are not batched
      Tensor base = Tensor.randn(new Generator(9), DType.FLOAT32, 2, 500);
      params.add(base.select(0, 0).detach().requiresGrad(true));
      params.add(base.select(0, 0).detach().requiresGrad(true));
    }
    Sgd sgd = new Sgd(params, 1e-2, 0.9, 0, 1e-4, false);
    for (int step = 0; step < 3; step++) {
      List<Tensor> grads = random(10 + step, 1e-3);
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        p.setGrad(i < grads.size() ? grads.get(i) : Tensor.ones(p.shape()).mul(1e-3));
      }
      sgd.step();
    }
    List<double[]> out = new ArrayList<>();
    params.forEach(p -> out.add(p.toArray()));
    return out;
  }

  @Test
  void sgdStepsAreTheSameOnOneThreadAndOnTwo() {
    assumeTrue(GemmThreads.PARALLELISM > 1, "one processor: nothing is split");
    for (boolean share : new boolean[] {false, true}) {
      List<double[]> one = sgdSteps(1, share);
      List<double[]> two = sgdSteps(2, share);
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(one.get(i), two.get(i), "parameter " + i + (share ? ", shared" : ""));
      }
    }
  }
}
