import dev.adjoint.annotations.Differentiable;

class Adj101ReturnInIf {
  @Differentiable
  static double f(double x) {
    if (x > 0) {
      return x; // expect: [ADJ101] return inside an if is not supported yet
    }
    return -x;
  }
}
