import dev.adjoint.annotations.Differentiable;

class Adj102Remainder {
  @Differentiable
  static double f(double x) {
    return x % 2.0; // expect: [ADJ102] operator % has no derivative rule
  }
}
