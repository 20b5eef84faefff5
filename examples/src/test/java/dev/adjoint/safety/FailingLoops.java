package dev.adjoint.safety;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * Loops whose adjoints push on the thread's tape and then throw part-way: each reads {@code
 * forcing[i]} for {@code passes} passes, so {@code passes > forcing.length} fails with an index out
 * of range after {@code forcing.length} passes have pushed their values.
 */
final class FailingLoops {
  private FailingLoops() {}

  /**
   * The forced logistic map x ← r·x·(1 − x) + forcing[i], once over the whole forcing, then {@code
   * passes} more times: two loops without calls, whose adjoints keep their doubles through tape
   * cursors (locals); the first hands its fill back to the tape before the second can throw.
   */
  @Differentiable
  static double forcedMap(
      double r, double x, @NoDerivative double[] forcing, @NoDerivative int passes) {
    for (int i = 0; i < forcing.length; i++) {
      x = r * x * (1 - x) + forcing[i];
    }
    for (int i = 0; i < passes; i++) {
      x = r * x * (1 - x) + forcing[i];
    }
    return x;
  }

  /**
   * {@link #forcedMap} called once per outer pass, its result squashed: the outer loop pushes, then
   * the callee (which pushes too) throws on outer pass {@code failingCall}, where it is asked for
   * more passes than there is forcing.
   */
  @Differentiable
  static double repeatedMaps(
      double r,
      double x,
      @NoDerivative double[] forcing,
      @NoDerivative int calls,
      @NoDerivative int failingCall) {
    for (int c = 0; c < calls; c++) {
      int passes = c == failingCall ? forcing.length + 1 : forcing.length;
      x = Math.tanh(forcedMap(r, x, forcing, passes));
    }
    return x;
  }
}
