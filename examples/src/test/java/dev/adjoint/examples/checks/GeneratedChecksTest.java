package dev.adjoint.examples.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.corpus.NormalDistributionGradCheck;
import dev.adjoint.examples.custom.SwishNet;
import dev.adjoint.examples.custom.SwishNetGradCheck;
import dev.adjoint.runtime.gradcheck.GradientReport;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The gradient checks the processor generates ({@code <Class>GradCheck}) against planted errors: a
 * wrong {@code @Derivative} and a wrong custom-function backward are found and named, the right
 * ones pass, and a check leaves the gradients it found in place.
 */
class GeneratedChecksTest {
  private static final Generator GEN = new Generator(17);

  @Test
  void aWrongDerivativeIsFoundByItsOwnCheck() {
    GradientReport wrong = PlantedRulesGradCheck.cubeDx(1.5);
    assertFalse(wrong.passed(), wrong.toString());
    assertEquals("x", wrong.worstCoordinate());
    assertEquals(2 * 1.5 * 1.5, wrong.analytic(), 0);
    assertEquals(3 * 1.5 * 1.5, wrong.numeric(), 1e-6);
    AssertionError e = assertThrows(AssertionError.class, wrong::assertPassed);
    assertTrue(e.getMessage().startsWith("PlantedRules.cubeDx: FAILED"), e.getMessage());
    PlantedRulesGradCheck.softclipDx(0.7, 2.0).assertPassed();
    NormalDistributionGradCheck.cdfDx(0.3).assertPassed();
  }

  @Test
  void aWrongDerivativeIsFoundThroughTheMethodThatUsesIt() {
    GradientReport report = PlantedRulesGradCheck.cubed(0.8, 1.3);
    assertFalse(report.passed(), report.toString());
    assertEquals(2, report.coordinates());
    // ∂/∂x of (w·x)³ = 3w³x², the rule gives 2w³x²; ∂/∂w is wrong too, but by less
    assertEquals("x", report.worstCoordinate());
    PlantedRulesGradCheck.clipped(0.8, 1.3, new double[] {0.5, -2}).assertPassed();
    assertEquals(4, PlantedRulesGradCheck.clipped(0.8, 1.3, new double[] {0.5, -2}).coordinates());
  }

  @Test
  void aWrongCustomBackwardIsFoundAndItsCoordinateNamed() {
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 2, 3).requiresGrad(true);
    Tensor w = Tensor.randn(GEN, DType.FLOAT64, 3);
    GradientReport report = PlantedFunctionsGradCheck.activated(x, w);
    assertFalse(report.passed(), report.toString());
    assertEquals(6, report.coordinates(), "only x requires grad");
    assertTrue(report.worstCoordinate().startsWith("x["), report.worstCoordinate());
  }

  @Test
  void theRightCustomFunctionsPassInAModel() {
    SwishNet net = new SwishNet(4, 3, 3, DType.FLOAT64, new Generator(5));
    net.parameters().forEach(p -> p.setGrad(Tensor.ones(DType.FLOAT64, p.shape())));
    Tensor x = Tensor.randn(GEN, DType.FLOAT64, 5, 4);
    GradientReport report = SwishNetGradCheck.loss(net, x, Tensor.ofLongs(0, 1, 2, 1, 0));
    report.assertPassed();
    assertEquals(12 + 3 + 9 + 3, report.coordinates());
    // the gradients the check found are the ones it leaves: those that were there
    net.parameters().forEach(p -> assertEquals(1.0, p.grad().toArray()[0], 0));
    Tensor a = Tensor.randn(GEN, DType.FLOAT64, 3, 4).requiresGrad(true);
    Tensor b = Tensor.randn(GEN, DType.FLOAT64, 4).requiresGrad(true);
    Tensor s = Tensor.randn(GEN, DType.FLOAT64, 3, 4).requiresGrad(true);
    SwishNetGradCheck.smoothMax(a, b, s).assertPassed();
  }
}
