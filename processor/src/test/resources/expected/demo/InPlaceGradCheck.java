package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link InPlace}, generated at build time by Adjoint: each method compares a
 * derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class InPlaceGradCheck {
  private InPlaceGradCheck() {
  }

  /**
   * Compares the partials {@link InPlaceGrad} generates for {@link InPlace#normalizeFirst} at these
   * arguments with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport normalizeFirst(double[] x) {
    return GeneratedChecks.scalar(
      "InPlace.normalizeFirst",
      new String[] {"x[]"},
      new double[][] {x},
      point -> InPlace.normalizeFirst(point[0]),
      point -> {
        double[] dX = new double[point[0].length];
        InPlaceGrad.normalizeFirst(point[0], 1.0, dX);
        return new double[][] {dX};
      });
  }
}
