package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link Loops}, generated at build time by Adjoint: each method compares a
 * derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class LoopsGradCheck {
  private LoopsGradCheck() {
  }

  /**
   * Compares the partials {@link LoopsGrad} generates for {@link Loops#rosenbrock} at these
   * arguments with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport rosenbrock(double[] x) {
    return GeneratedChecks.scalar(
      "Loops.rosenbrock",
      new String[] {"x[]"},
      new double[][] {x},
      point -> Loops.rosenbrock(point[0]),
      point -> {
        double[] dX = new double[point[0].length];
        LoopsGrad.rosenbrock(point[0], 1.0, dX);
        return new double[][] {dX};
      });
  }

  /**
   * Compares the partials {@link LoopsGrad} generates for {@link Loops#firstAbove} at these
   * arguments with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport firstAbove(double[] xs, double limit) {
    return GeneratedChecks.scalar(
      "Loops.firstAbove",
      new String[] {"xs[]"},
      new double[][] {xs},
      point -> Loops.firstAbove(point[0], limit),
      point -> {
        double[] dXs = new double[point[0].length];
        LoopsGrad.firstAbove(point[0], limit, 1.0, dXs);
        return new double[][] {dXs};
      });
  }
}
