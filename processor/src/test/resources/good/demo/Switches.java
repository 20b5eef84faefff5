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

  /** Colon labels: fall-through, break, default in the middle; continue inside a loop. */
  @Differentiable
  static double groups(double x, int k) {
    double y = 1;
    switch (k) {
      case 0:
        y *= x;
      case 1:
        y += Math.sin(x);
        break;
      default:
        y = -x;
      case 3:
        y *= 2;
    }
    for (int i = 0; i < 4; i++) {
      switch (i) {
        case 1:
          continue;
        case 2:
          y += x * i;
          break;
        default:
          y *= 1.5;
      }
      y += x;
    }
    return y;
  }
}
