package demo;

import dev.adjoint.annotations.Differentiable;

class Switches {
  @Differentiable
  static double pick(double x, int k) {
    double y = 0;
    switch (k) {
      case 0 -> y = x * x;
      case 1, 2 -> {
        y = Math.sin(x);
        y += k;
      }
      default -> y = -x;
    }
    double z = switch (k % 2) {
      case 0 -> Math.exp(x);
      default -> 3 * x;
    };
    return y + z;
  }

}
