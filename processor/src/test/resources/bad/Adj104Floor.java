import dev.adjoint.annotations.Differentiable;

class Adj104Floor {
  @Differentiable
  static double f(double x) {
    double y = x * 3;
    return Math.floor(y) + x; // expect: [ADJ104] Math.floor is piecewise constant
  }

  @Differentiable
  static double g(double x) {
    int n = (int) (x * 10); // expect: [ADJ104] the cast to int truncates a differentiated value
    return n * x;
  }

  // fine: the floor sits in a condition, and noDerivative says the truncation is intended
  @Differentiable
  static double h(double x) {
    double k = dev.adjoint.Adjoint.noDerivative(Math.floor(x));
    return Math.floor(x) > 2 ? x * k : x;
  }
}
