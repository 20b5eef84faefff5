import dev.adjoint.annotations.Differentiable;

class Adj101Switch {
  @Differentiable
  static double pick(double x, int k) {
    double y = 0;
    switch (k) {
      case 0: // expect: [ADJ101] switch with 'case ...:' labels (and fall-through) is not supported
        y = x;
        break;
      default:
        y = -x;
    }
    return y;
  }
}
