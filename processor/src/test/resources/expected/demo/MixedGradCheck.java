package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link Mixed}, generated at build time by Adjoint: each method compares a
 * derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class MixedGradCheck {
  private MixedGradCheck() {
  }

  /**
   * Compares the partials {@link MixedGrad} generates for {@link Mixed#softplus} at these arguments
   * with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport softplus(double x) {
    return GeneratedChecks.scalar(
      "Mixed.softplus",
      new String[] {"x"},
      new double[][] {{x}},
      point -> Mixed.softplus(point[0][0]),
      point -> {
        double[] gradient = new double[1];
        MixedGrad.softplus(point[0][0], 1.0, gradient);
        return new double[][] {{gradient[0]}};
      });
  }

  /**
   * Compares the partials {@link MixedGrad} generates for {@link Mixed#energy} at these arguments
   * with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport energy(double x, double y, int steps) {
    return GeneratedChecks.scalar(
      "Mixed.energy",
      new String[] {"x"},
      new double[][] {{x}},
      point -> Mixed.energy(point[0][0], y, steps),
      point -> {
        double[] gradient = new double[1];
        MixedGrad.energy(point[0][0], y, steps, 1.0, gradient);
        return new double[][] {{gradient[0]}};
      });
  }

  /**
   * Compares the partials {@link MixedGrad} generates for {@link Mixed#scaled} at these arguments
   * with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport scaled(Mixed self, double x) {
    return GeneratedChecks.scalar(
      "Mixed.scaled",
      new String[] {"x"},
      new double[][] {{x}},
      point -> self.scaled(point[0][0]),
      point -> {
        double[] gradient = new double[1];
        MixedGrad.scaled(self, point[0][0], 1.0, gradient);
        return new double[][] {{gradient[0]}};
      });
  }

  /**
   * Compares {@link Mixed#geluDerivative}, the partial of {@code gelu} with respect to {@code x}
   * registered with {@code @Derivative}, with the central difference of {@code gelu} at these
   * arguments.
   */
  public static GradientReport geluDerivative(double x) {
    return GeneratedChecks.derivative("Mixed.geluDerivative", "x", x, at -> Mixed.gelu(at),
        Mixed.geluDerivative(x));
  }
}
