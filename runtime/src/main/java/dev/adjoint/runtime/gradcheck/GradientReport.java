package dev.adjoint.runtime.gradcheck;

import java.util.Locale;

/**
 * The outcome of a generated gradient check ({@code FooGradCheck.f(args)}): the coordinate where
 * the generated (or user-written) derivative is furthest from central differences, relative to the
 * tolerance. A coordinate's error is {@code |analytic − numeric| / (atol + rtol·|numeric|)}; the
 * check passes when every error is at most 1.
 *
 * @param function what was checked ({@code Physics.energy}, {@code Rules.softclipDx})
 * @param coordinates how many coordinates were compared
 * @param worstCoordinate the coordinate with the largest error ({@code w}, {@code a[3]}, {@code
 *     self.hidden.weight()[5]})
 * @param analytic its derivative as generated or written
 * @param numeric its central difference
 * @param error its error, in units of the tolerance
 */
public record GradientReport(
    String function,
    int coordinates,
    String worstCoordinate,
    double analytic,
    double numeric,
    double error) {

  /** Whether every coordinate is within tolerance. */
  public boolean passed() {
    return error <= 1;
  }

  /** This report, or an {@link AssertionError} naming the worst coordinate if it failed. */
  public GradientReport assertPassed() {
    if (!passed()) {
      throw new AssertionError(toString());
    }
    return this;
  }

  @Override
  public String toString() {
    if (coordinates == 0) {
      return function + ": no coordinate to check (no input requires a gradient)";
    }
    return String.format(
        Locale.ROOT,
        "%s: %s; worst of %d coordinates %s: derivative %.10g, central difference %.10g (%.3g"
            + " times the tolerance)",
        function,
        passed() ? "passed" : "FAILED",
        coordinates,
        worstCoordinate,
        analytic,
        numeric,
        error);
  }
}
