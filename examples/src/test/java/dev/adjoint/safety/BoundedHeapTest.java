package dev.adjoint.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.tensors.Mlp;
import dev.adjoint.examples.tensors.MlpGrad;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * 10⁵ training steps of the MLP model class on each engine leave the heap where it was after the
 * first thousand: neither engine keeps anything of a step once it is over.
 */
class BoundedHeapTest {
  private static final int STEPS = 100_000;
  private static final long GROWTH_LIMIT = 4L << 20;

  @Test
  void generatedEngine() {
    assertBounded((model, data) -> MlpGrad.lossBackward(model, data[0], data[1]));
  }

  @Test
  void tapeEngine() {
    assertBounded(
        (model, data) -> {
          Tensor loss = model.loss(data[0], data[1]);
          loss.backward();
          return loss;
        });
  }

  private static void assertBounded(BiFunction<Mlp, Tensor[], Tensor> lossBackward) {
    Generator generator = new Generator(7);
    Mlp model = new Mlp(6, 8, 3, generator);
    Tensor x = Tensor.randn(generator, DType.FLOAT32, 4, 6);
    Tensor labels = Tensor.ofLongs(0, 1, 2, 1);
    Sgd optimizer = new Sgd(model.parameters(), 0.05);
    Runtime rt = Runtime.getRuntime();
    long baseline = 0;
    double first = 0;
    double last = 0;
    for (int step = 1; step <= STEPS; step++) {
      optimizer.zeroGrad();
      double loss = lossBackward.apply(model, new Tensor[] {x, labels}).item();
      optimizer.step();
      if (step == 1) {
        first = loss;
      }
      if (step == 1_000) {
        baseline = usedAfterGc(rt);
      }
      last = loss;
    }
    long growth = usedAfterGc(rt) - baseline;
    assertTrue(
        growth < GROWTH_LIMIT,
        "heap grew by " + growth + " bytes over " + (STEPS - 1000) + " steps");
    assertTrue(last < 0.1 * first, "the model trained: loss " + first + " -> " + last);
  }

  private static long usedAfterGc(Runtime rt) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
