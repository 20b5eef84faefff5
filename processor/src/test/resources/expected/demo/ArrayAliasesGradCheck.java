package demo;

import dev.adjoint.runtime.gradcheck.GeneratedChecks;
import dev.adjoint.runtime.gradcheck.GradientReport;
import javax.annotation.processing.Generated;

/**
 * Gradient checks of {@link ArrayAliases}, generated at build time by Adjoint: each method compares
 * a derivative (generated, or registered with {@code @Derivative}) with central differences at the
 * given arguments and returns a report naming the worst coordinate ({@code report.assertPassed()}
 * in a test).
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class ArrayAliasesGradCheck {
  private ArrayAliasesGradCheck() {
  }

  /**
   * Compares the partials {@link ArrayAliasesGrad} generates for {@link ArrayAliases#initializer}
   * at these arguments with central differences of the method itself; the report names the worst
   * coordinate.
   */
  public static GradientReport initializer(double x, double y) {
    return GeneratedChecks.scalar(
      "ArrayAliases.initializer",
      new String[] {"x", "y"},
      new double[][] {{x}, {y}},
      point -> ArrayAliases.initializer(point[0][0], point[1][0]),
      point -> {
        double[] gradient = new double[2];
        ArrayAliasesGrad.initializer(point[0][0], point[1][0], 1.0, gradient);
        return new double[][] {{gradient[0]}, {gradient[1]}};
      });
  }

  /**
   * Compares the partials {@link ArrayAliasesGrad} generates for {@link ArrayAliases#aliases} at
   * these arguments with central differences of the method itself; the report names the worst
   * coordinate.
   */
  public static GradientReport aliases(double[] v, double x) {
    return GeneratedChecks.scalar(
      "ArrayAliases.aliases",
      new String[] {"v[]", "x"},
      new double[][] {v, {x}},
      point -> ArrayAliases.aliases(point[0], point[1][0]),
      point -> {
        double[] gradient = new double[1];
        double[] dV = new double[point[0].length];
        ArrayAliasesGrad.aliases(point[0], point[1][0], 1.0, gradient, dV);
        return new double[][] {dV, {gradient[0]}};
      });
  }

  /**
   * Compares the partials {@link ArrayAliasesGrad} generates for
   * {@link ArrayAliases#typedInitializers} at these arguments with central differences of the
   * method itself; the report names the worst coordinate.
   */
  public static GradientReport typedInitializers(double[] v, double x) {
    return GeneratedChecks.scalar(
      "ArrayAliases.typedInitializers",
      new String[] {"v[]", "x"},
      new double[][] {v, {x}},
      point -> ArrayAliases.typedInitializers(point[0], point[1][0]),
      point -> {
        double[] gradient = new double[1];
        double[] dV = new double[point[0].length];
        ArrayAliasesGrad.typedInitializers(point[0], point[1][0], 1.0, gradient, dV);
        return new double[][] {dV, {gradient[0]}};
      });
  }
}
