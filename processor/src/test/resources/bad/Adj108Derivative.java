import dev.adjoint.annotations.Derivative;

class Adj108Derivative {
  static double target(double x, double y) {
    return x * y;
  }

  @Derivative(of = "target", wrt = "x")
  static double wrongParameters(double x) { // expect: [ADJ108] @Derivative(of = "target") on wrongParameters must take exactly the parameters of target(double, double)
    return 1;
  }

  @Derivative(of = "missing")
  static double noTarget(double x) { // expect: [ADJ108] @Derivative(of = "missing") on noTarget: no method 'missing' in Adj108Derivative
    return 1;
  }

  @Derivative(of = "target")
  static double ambiguous(double x, double y) { // expect: [ADJ108] @Derivative(of = "target") on ambiguous: target has 2 floating-point parameters; say which one
    return y;
  }

  @Derivative(of = "target", wrt = "y")
  double notStatic(double x, double y) { // expect: [ADJ108] @Derivative(of = "target") on notStatic must be static
    return x;
  }
}
