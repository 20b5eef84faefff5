import dev.adjoint.annotations.Differentiable;

class Adj101Switch {
  @Differentiable
  static double pick(double x, int k) {
    switch (k) { // expect: [ADJ101] switch statements are not supported in @Differentiable methods
      case 0:
        return x;
      default:
        return -x;
    }
  }
}
