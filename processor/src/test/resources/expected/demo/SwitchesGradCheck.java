package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link Switches}, generated at build time by Adjoint: each method compares a
 * derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class SwitchesGradCheck {
  private SwitchesGradCheck() {
  }

  /**
   * Compares the partials {@link SwitchesGrad} generates for {@link Switches#pick} at these
   * arguments with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport pick(double x, int k) {
    return GeneratedChecks.scalar(
      "Switches.pick",
      new String[] {"x"},
      new double[][] {{x}},
      point -> Switches.pick(point[0][0], k),
      point -> {
        double[] gradient = new double[1];
        SwitchesGrad.pick(point[0][0], k, 1.0, gradient);
        return new double[][] {{gradient[0]}};
      });
  }

  /**
   * Compares the partials {@link SwitchesGrad} generates for {@link Switches#groups} at these
   * arguments with central differences of the method itself; the report names the worst coordinate.
   */
  public static GradientReport groups(double x, int k) {
    return GeneratedChecks.scalar(
      "Switches.groups",
      new String[] {"x"},
      new double[][] {{x}},
      point -> Switches.groups(point[0][0], k),
      point -> {
        double[] gradient = new double[1];
        SwitchesGrad.groups(point[0][0], k, 1.0, gradient);
        return new double[][] {{gradient[0]}};
      });
  }
}
