package dev.adjoint.examples.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.examples.tape.TemperatureExample;
import dev.adjoint.runtime.tape.Tape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REFERENCE.md's numbers through the generated adjoints, and agreement with the tape. */
class GeneratedExamplesTest {
  @Test
  void referenceR2VectorJacobianProduct() {
    VectorJacobianGrad.QGradient g =
        VectorJacobianGrad.q(new double[] {2, 3}, new double[] {6, 4}, new double[] {1, 1});
    assertArrayEquals(new double[] {-12, 65}, g.value());
    assertArrayEquals(new double[] {36, 81}, g.a());
    assertArrayEquals(new double[] {-12, -8}, g.b());
    assertEquals(0, Tape.current().size());
  }

  @Test
  void referenceR4GradientAtStart() {
    float[] g = TemperatureTraining.gradientAtStart();
    assertEquals(4517.2969f, g[0], 1e-4f);
    assertEquals(82.6f, g[1], 1e-4f);
  }

  /**
   * PyTorch's printed numbers, to their printed precision. Float32 sums depend on their order: the
   * reverse sweep adds the 11 points' contributions last to first, PyTorch first to last, so the
   * loss may differ in its last printed digit (2e-6) and a gradient below 1e-4 in its fourth
   * significant digit.
   */
  @Test
  void referenceR4TrainingMatchesWhatPyTorchPrinted() {
    TemperatureTraining.Training t = TemperatureTraining.train(5000);
    List<TemperatureTraining.Epoch> e = t.epochs();
    assertEpoch(e.get(0), 500, 7.860116, -0.2252, 1.2748);
    assertEpoch(e.get(1), 1000, 3.828538, -0.0962, 0.5448);
    assertEpoch(e.get(4), 2500, 2.933134, -0.0075, 0.0425);
    assertEpoch(e.get(9), 5000, 2.927647, -9.7513e-05, 6.1291e-04);
    assertEquals(5.3671f, t.w(), 5e-5f);
    assertEquals(-17.3012f, t.b(), 5e-5f);
    assertEquals("params = tensor([  5.3671, -17.3012])", t.lines().get(20));
  }

  @Test
  void bothEnginesAgreeOnTheTraining() {
    List<String> tape = TemperatureExample.train(5000);
    List<TemperatureTraining.Epoch> generated = TemperatureTraining.train(5000).epochs();
    for (int i = 0; i < generated.size(); i++) {
      String loss = tape.get(2 * i).replaceFirst(".*Loss ", "");
      assertEquals(Double.parseDouble(loss), generated.get(i).loss(), 5e-6, "epoch " + (i + 1));
    }
  }

  private static void assertEpoch(
      TemperatureTraining.Epoch e, int epoch, double loss, double gradW, double gradB) {
    assertEquals(epoch, e.epoch());
    assertEquals(loss, e.loss(), 5e-6, "loss at epoch " + epoch);
    assertEquals(gradW, e.gradW(), 5e-5 + 1e-3 * Math.abs(gradW), "dw at epoch " + epoch);
    assertEquals(gradB, e.gradB(), 5e-5 + 1e-3 * Math.abs(gradB), "db at epoch " + epoch);
  }
}
