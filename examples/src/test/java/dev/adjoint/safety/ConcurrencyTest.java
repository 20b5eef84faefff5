package dev.adjoint.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.examples.tensors.Mlp;
import dev.adjoint.examples.tensors.MlpGrad;
import dev.adjoint.runtime.tape.Tape;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Generated adjoints called from several threads at once give, on every thread, the bits they give
 * on one: each thread has its own compile-time tape, and the tensor adjoints share nothing mutable.
 */
class ConcurrencyTest {
  private static final int THREADS = 4;

  @Test
  void scalarAdjointsWithTapesAgreeAcrossThreads() throws Exception {
    double[][] points = new double[64][];
    double[][] expected = new double[64][];
    for (int p = 0; p < points.length; p++) {
      points[p] = new double[] {1 + 0.05 * p, 0.1 + 0.01 * p, 0.5 + 0.03 * p};
      expected[p] = partials(points[p]);
    }
    // the single-thread figures are right to begin with
    double[] p0 = points[10];
    double h = 1e-6;
    for (int k = 0; k < 3; k++) {
      double[] up = p0.clone();
      double[] down = p0.clone();
      up[k] += h;
      down[k] -= h;
      double fd =
          (Workloads.oscillator(up[0], up[1], up[2], 300)
                  - Workloads.oscillator(down[0], down[1], down[2], 300))
              / (2 * h);
      assertEquals(fd, expected[10][k + 1], 1e-6 * Math.max(1, Math.abs(fd)));
    }
    List<double[]> results =
        onThreads(
            () -> {
              double[] worst = new double[1];
              for (int round = 0; round < 20; round++) {
                for (int p = 0; p < points.length; p++) {
                  double[] got = partials(points[p]);
                  for (int k = 0; k < got.length; k++) {
                    worst[0] = Math.max(worst[0], Math.abs(got[k] - expected[p][k]));
                  }
                }
              }
              return new double[] {worst[0], Tape.current().size()};
            });
    for (double[] r : results) {
      assertArrayEquals(new double[] {0, 0}, r, "bits differ on some thread, or its tape is left");
    }
  }

  @Test
  void tensorAdjointsOfSeparateModelsAgreeAcrossThreads() throws Exception {
    List<double[]> single = List.of(mlpGradients(0));
    List<double[]> parallel = onThreads(() -> mlpGradients(0));
    for (double[] g : parallel) {
      assertArrayEquals(single.get(0), g);
    }
  }

  private static double[] partials(double[] p) {
    WorkloadsGrad.OscillatorGradient g = WorkloadsGrad.oscillator(p[0], p[1], p[2], 300);
    return new double[] {g.value(), g.k(), g.damping(), g.x()};
  }

  // the loss and every gradient element after 20 generated training-free backward calls
  private static double[] mlpGradients(long seed) {
    Generator generator = new Generator(seed);
    Mlp model = new Mlp(16, 32, 5, generator);
    Tensor x = Tensor.randn(generator, DType.FLOAT32, 8, 16);
    Tensor labels = Tensor.ofLongs(0, 1, 2, 3, 4, 0, 1, 2);
    List<Double> out = new ArrayList<>();
    for (int call = 0; call < 20; call++) {
      out.add(MlpGrad.lossBackward(model, x, labels).item());
    }
    for (Tensor p : model.parameters()) {
      for (double v : p.grad().toArray()) {
        out.add(v);
      }
    }
    assertEquals(0, Tape.current().size());
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // runs `work` on THREADS threads released together, returning each thread's result
  private static <T> List<T> onThreads(Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
