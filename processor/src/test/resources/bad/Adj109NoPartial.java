import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Differentiable;

class Adj109NoPartial {
  @Differentiable(wrt = "x")
  static double inner(double x, double y) {
    return x * y;
  }

  @Differentiable
  static double outer(double a) {
    return inner(a, a); // expect: [ADJ109] argument 'a' depends on a differentiated input, but inner is not differentiable with respect to its parameter 'y'
  }

  static double scale(double x, double k) {
    return x * k;
  }

  @Derivative(of = "scale", wrt = "x")
  static double scaleDx(double x, double k) {
    return k;
  }

  @Differentiable
  static double useScale(double a) {
    return scale(2, a); // expect: [ADJ109] argument 'a' depends on a differentiated input, but no @Derivative of scale with respect to 'k' is registered
  }

  @Differentiable
  static double named(double a) {
    return scale(1, a * 2); // expect: [ADJ109] argument 'a * 2' depends on a differentiated input, but no @Derivative of scale
  }
}
