package natural;

import dev.adjoint.annotations.Differentiable;

/** Switch expressions whose arms are blocks that compute with locals and yield the value. */
class SwitchArms {
  /** A piecewise model: each arm computes with locals of its own, and may store into an array. */
  @Differentiable
  static double piecewise(double x, int mode) {
    double[] trace = new double[1];
    double k =
        switch (mode) {
          case 0 -> x;
          case 1 -> {
            double t = x * x;
            double u = Math.sin(t);
            yield t + u;
          }
          case 2, 3 -> {
            double t = Math.exp(-x);
            trace[0] = t * x;
            yield t * trace[0] + switch (mode) {
              case 2 -> 1.0;
              default -> {
                double w = x * 0.5;
                yield w * w;
              }
            };
          }
          default -> {
            double r = 0;
            for (int i = 1; i <= 3; i++) {
              r += Math.pow(x, i) / i;
            }
            yield r;
          }
        };
    return k * x + trace[0];
  }

  /**
   * ADJ101's fix for an arm that assigns a variable declared outside the switch expression,
   * applied: the arm is a statement, and the variable is read after the switch.
   */
  @Differentiable
  static double assignsInStatement(double x, int mode) {
    double scale = 1;
    double k;
    switch (mode) {
      case 0 -> k = x;
      default -> {
        scale = 2 * x;
        k = x * x;
      }
    }
    return k * scale;
  }
}
