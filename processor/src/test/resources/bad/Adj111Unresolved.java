import dev.adjoint.annotations.Differentiable;

class Adj111Unresolved {
  @Differentiable
  static double f(double x) {
    return x * Constants.SCALE; // expect: [ADJ111] cannot resolve 'Constants.SCALE'
  }
}
