package dev.adjoint.bench.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.bench.torch.TorchThreads;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The R6 benchmarks ({@link ResNetStepBenchmark}, {@link ResNetStepCpuTime}, {@link
 * LiveTensorBytes}) time the same work on every engine: at the benchmarks' batch sizes, {@link
 * ResNetSteps}' generated, tape and libtorch float32 steps give the same 62 parameter tensors after
 * the first step and the same losses over three steps (the third loss shows the second step's
 * momentum update), and {@link ResNetSteps.Step#reset} makes each engine repeat its first step to
 * the bit.
 *
 * <p>Each tensor is compared norm-wise, {@code max|ours − libtorch| / max|libtorch|}. Against
 * libtorch within {@value #PARAMETERS_VS_LIBTORCH}: float32 rounding alone is 2e-4 at batch 1,
 * where layer 4's batch norms normalise 4 values each (ResNetAgainstLibtorchTest holds the exact
 * comparison, against float64). The generated engine against the tape within {@value
 * #PARAMETERS_BETWEEN_OURS}: they run the same kernels. Only the first step's parameters are
 * compared: in float32 the second gradient of R6's sum is mostly cancellation (the loss has grown
 * tenfold; the same steps in float64 agree with libtorch's to 4e-12, but float32's rounding moves
 * some batch-norm biases' gradients by a third), so later steps are compared by their losses.
 */
class ResNetStepsAgreeTest {
  private static final double PARAMETERS_VS_LIBTORCH = 1e-3;
  private static final double PARAMETERS_BETWEEN_OURS = 1e-5;
  private static final double FIRST_LOSS = 1e-5;
  private static final double LATER_LOSSES = 1e-3;
  private static final int STEPS = 3;

  @BeforeAll
  static void threads() {
    TorchThreads.SINGLE.apply();
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 8})
  void theThreeEnginesTakeTheSameStep(int batch) {
    Map<String, double[]> losses = new LinkedHashMap<>();
    Map<String, Map<String, double[]>> params = new LinkedHashMap<>();
    for (Map.Entry<String, IntFunction<ResNetSteps.Step>> e : ResNetSteps.engines().entrySet()) {
      try (ResNetSteps.Step step = e.getValue().apply(batch)) {
        double[] loss = new double[STEPS];
        loss[0] = step.run();
        params.put(e.getKey(), step.parameters());
        for (int s = 1; s < STEPS; s++) {
          loss[s] = step.run();
        }
        step.reset();
        assertEquals(loss[0], step.run(), 0.0, e.getKey() + ": the first step after reset");
        losses.put(e.getKey(), loss);
      }
    }
    double[] torchLoss = losses.get("libtorch");
    double vsTorch = 0;
    for (String engine : new String[] {"generated", "tape"}) {
      for (int s = 0; s < STEPS; s++) {
        double tolerance = (s == 0 ? FIRST_LOSS : LATER_LOSSES) * Math.abs(torchLoss[s]);
        assertEquals(torchLoss[s], losses.get(engine)[s], tolerance, engine + " step " + (s + 1));
      }
      double worst =
          worst(engine, params.get(engine), params.get("libtorch"), PARAMETERS_VS_LIBTORCH);
      vsTorch = Math.max(vsTorch, worst);
    }
    double between =
        worst("generated", params.get("generated"), params.get("tape"), PARAMETERS_BETWEEN_OURS);
    System.out.printf(
        "R6 float32 batch %d: losses generated %s, tape %s, libtorch %s; after the first step the"
            + " worst parameter vs libtorch %.2e, generated vs tape %.2e%n",
        batch,
        Arrays.toString(losses.get("generated")),
        Arrays.toString(losses.get("tape")),
        Arrays.toString(torchLoss),
        vsTorch,
        between);
  }

  /** The largest norm-wise error over the tensors, each within {@code tolerance}. */
  private static double worst(
      String engine,
      Map<String, double[]> ours,
      Map<String, double[]> reference,
      double tolerance) {
    assertEquals(62, reference.size(), "ResNet-18's parameter tensors");
    assertEquals(reference.keySet(), ours.keySet(), engine + ": parameter names");
    double worst = 0;
    for (Map.Entry<String, double[]> e : reference.entrySet()) {
      double[] r = e.getValue();
      double[] o = ours.get(e.getKey());
      double diff = 0;
      double scale = 0;
      for (int i = 0; i < r.length; i++) {
        diff = Math.max(diff, Math.abs(o[i] - r[i]));
        scale = Math.max(scale, Math.abs(r[i]));
      }
      double error = diff / scale;
      assertTrue(error <= tolerance, engine + " " + e.getKey() + " after the first step: " + error);
      worst = Math.max(worst, error);
    }
    return worst;
  }
}
