import dev.adjoint.annotations.Differentiable;

class Adj101Try {
  @Differentiable
  static double f(double x) {
    try { // expect: [ADJ101] try blocks are not supported in @Differentiable methods
      return x;
    } finally {
      x = 0;
    }
  }
}
