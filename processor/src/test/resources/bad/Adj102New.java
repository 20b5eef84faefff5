import dev.adjoint.annotations.Differentiable;

class Adj102New {
  @Differentiable
  static double f(double x) {
    Double boxed = new Double(x); // expect: [ADJ106] local 'boxed' has type Double
    return x;
  }

  @Differentiable
  static double g(double x) {
    return x * new java.util.Random().nextDouble(); // expect: [ADJ102] 'new' is not supported
  }
}
