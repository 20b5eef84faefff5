import dev.adjoint.annotations.Differentiable;

class Adj101ThrowingSwitch {
  @Differentiable
  static double f(double x, int mode) {
    double k = switch (mode) { // expect: [ADJ101] every arm of this switch expression throws
      case 0 -> throw new IllegalStateException("zero");
      default -> throw new IllegalArgumentException("mode " + mode);
    };
    return k * x;
  }
}
