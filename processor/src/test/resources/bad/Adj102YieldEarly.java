import dev.adjoint.annotations.Differentiable;

class Adj102YieldEarly {
  @Differentiable
  static double f(double x, int mode) {
    return switch (mode) {
      case 0 -> x;
      default -> { // expect: [ADJ102] a yield before the end of a switch arm is not supported
        if (x > 0) {
          yield x * x;
        }
        yield -x;
      }
    };
  }
}
