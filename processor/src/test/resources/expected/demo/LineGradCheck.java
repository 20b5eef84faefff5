package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link Line}, generated at build time by Adjoint: each method compares a
 * derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class LineGradCheck {
  private LineGradCheck() {
  }

  /**
   * Compares the partials {@link LineGrad} generates for {@link Line#predict} at these arguments
   * with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport predict(double x, double w, double b) {
    return GeneratedChecks.scalar(
      "Line.predict",
      new String[] {"w", "b"},
      new double[][] {{w}, {b}},
      point -> Line.predict(x, point[0][0], point[1][0]),
      point -> {
        double[] gradient = new double[2];
        LineGrad.predict(x, point[0][0], point[1][0], 1.0, gradient);
        return new double[][] {{gradient[0]}, {gradient[1]}};
      });
  }
}
