package dev.adjoint.regressions;

import dev.adjoint.annotations.Differentiable;

/** Programs the random-program test found wrong once; each comment says what went wrong. */
final class LoopRegressions {
  private LoopRegressions() {}

  // v, assigned in the loop and read after it, had its adjoint overwritten by the loop's first
  // contribution, losing the contribution from the return
  @Differentiable
  static double carriedOut(double a, double b) {
    double u = a;
    double v = b;
    for (int i = 0; i < 1; i++) {
      v = a;
      u = Math.max(a, v);
    }
    return a + u + v;
  }

  // u = a in the inner loop was recomputed instead of restored, though the other arm's loop
  // overwrites u too
  @Differentiable
  static double nestedInBranch(double a, double b) {
    double u = a;
    for (int i0 = 0; i0 < 2; i0++) {
      if (!(a < b)) {
        for (int i1 = 0; i1 < 1; i1++) {
          u = a;
        }
      } else {
        for (int i2 = 0; i2 < 2; i2++) {
          u *= a;
        }
      }
    }
    return u;
  }

  // the outer pass assigned x0's adjoint at its first top-level contribution, dropping what the
  // inner loop had added
  @Differentiable
  static double innerLoopContribution(double a, double q0) {
    double u = a;
    double[] m = new double[2];
    m[0] = a;
    m[1] = q0 - a;
    for (double x0 : m) {
      u = a / (1 + x0 * x0);
      for (int i1 = 0; i1 < 1; i1++) {
        u = x0;
      }
    }
    return u;
  }

  // found by review, not by the random programs (they never alias arrays): a store through an
  // alias did not make the array it aliases varied, so reading it back had no derivative
  @Differentiable
  static double storeThroughAlias(double a, double b) {
    double[] values = new double[2];
    double[] alias = values;
    alias[0] = a * b;
    double early = values[1];
    alias[1] = a;
    return values[0] + values[1] * b + early;
  }
}
