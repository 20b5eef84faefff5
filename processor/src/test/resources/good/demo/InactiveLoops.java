package demo;

import dev.adjoint.annotations.Differentiable;

/**
 * Loops with nothing active inside that still push on the tape (a branch's condition, an index an
 * enclosing loop reads): the reverse sweep must run them backwards to pop what they pushed.
 */
class InactiveLoops {
  @Differentiable
  static double breakOnly(double a) {
    for (int j = 0; j < 3; j++) {
      if (a > j) {
        break;
      }
    }
    return a;
  }

  @Differentiable
  static double innerIndex(double[] x) {
    double s = 1;
    for (int i = 0; i < 2; i++) {
      int k = i;
      s = s * x[k];
      for (int j = 0; j < 1; j++) {
        k = k + 1;
      }
      s = s * x[k];
    }
    return s;
  }
}
