package dev.adjoint.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.tape.Tape;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class LoopRegressionsTest {
  @Test
  void aVariableCarriedOutOfALoopKeepsItsLaterContributions() {
    for (double a : new double[] {-0.6, 0.4, 1.3}) {
      double b = 1.5;
      LoopRegressionsGrad.CarriedOutGradient g = LoopRegressionsGrad.carriedOut(a, b);
      assertEquals(d(LoopRegressions::carriedOut, a, b, 0), g.a(), 1e-7);
      assertEquals(d(LoopRegressions::carriedOut, a, b, 1), g.b(), 1e-7);
    }
  }

  @Test
  void aValueOverwrittenInTwoLoopsIsRestoredNotRecomputed() {
    for (double[] p : new double[][] {{-0.94, 0.85}, {0.9, -0.3}, {1.2, 2.0}}) {
      LoopRegressionsGrad.NestedInBranchGradient g = LoopRegressionsGrad.nestedInBranch(p[0], p[1]);
      assertEquals(d(LoopRegressions::nestedInBranch, p[0], p[1], 0), g.a(), 1e-7);
      assertEquals(0, Tape.current().size());
    }
  }

  @Test
  void anInnerLoopsContributionSurvivesTheOuterPass() {
    for (double[] p : new double[][] {{0.19, 1.72}, {-0.4, 0.3}}) {
      LoopRegressionsGrad.InnerLoopContributionGradient g =
          LoopRegressionsGrad.innerLoopContribution(p[0], p[1]);
      assertEquals(d(LoopRegressions::innerLoopContribution, p[0], p[1], 0), g.a(), 1e-7);
      assertEquals(d(LoopRegressions::innerLoopContribution, p[0], p[1], 1), g.q0(), 1e-7);
    }
  }

  @Test
  void aStoreThroughAnAliasDifferentiatesTheArrayItAliases() {
    for (double[] p : new double[][] {{0.7, -1.3}, {2.0, 0.5}}) {
      LoopRegressionsGrad.StoreThroughAliasGradient g =
          LoopRegressionsGrad.storeThroughAlias(p[0], p[1]);
      // a·b + a·b: ∂/∂a = 2b, ∂/∂b = 2a
      assertEquals(2 * p[1], g.a(), 1e-12);
      assertEquals(2 * p[0], g.b(), 1e-12);
      assertEquals(d(LoopRegressions::storeThroughAlias, p[0], p[1], 0), g.a(), 1e-7);
    }
  }

  private static double d(DoubleBinaryOperator f, double a, double b, int wrt) {
    double h = 1e-6;
    return wrt == 0
        ? (f.applyAsDouble(a + h, b) - f.applyAsDouble(a - h, b)) / (2 * h)
        : (f.applyAsDouble(a, b + h) - f.applyAsDouble(a, b - h)) / (2 * h);
  }
}
