package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link InactiveLoops}, generated at build time by Adjoint: each method
 * compares a derivative (generated, or registered with {@code @Derivative}) with central
 * differences at the given arguments and returns a report naming the worst coordinate
 * ({@code report.assertPassed()} in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class InactiveLoopsGradCheck {
  private InactiveLoopsGradCheck() {
  }

  /**
   * Compares the partials {@link InactiveLoopsGrad} generates for {@link InactiveLoops#breakOnly}
   * at these arguments with central differences of the method itself; the report names the worst
   * coordinate.
   */
  public static GradientReport breakOnly(double a) {
    return GeneratedChecks.scalar(
      "InactiveLoops.breakOnly",
      new String[] {"a"},
      new double[][] {{a}},
      point -> InactiveLoops.breakOnly(point[0][0]),
      point -> {
        double[] gradient = new double[1];
        InactiveLoopsGrad.breakOnly(point[0][0], 1.0, gradient);
        return new double[][] {{gradient[0]}};
      });
  }

  /**
   * Compares the partials {@link InactiveLoopsGrad} generates for {@link InactiveLoops#innerIndex}
   * at these arguments with central differences of the method itself; the report names the worst
   * coordinate.
   */
  public static GradientReport innerIndex(double[] x) {
    return GeneratedChecks.scalar(
      "InactiveLoops.innerIndex",
      new String[] {"x[]"},
      new double[][] {x},
      point -> InactiveLoops.innerIndex(point[0]),
      point -> {
        double[] dX = new double[point[0].length];
        InactiveLoopsGrad.innerIndex(point[0], 1.0, dX);
        return new double[][] {dX};
      });
  }
}
