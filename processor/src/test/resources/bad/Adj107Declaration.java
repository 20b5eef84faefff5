import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.annotations.Owned;

abstract class Adj107Declaration {
  @Differentiable(wrt = "z")
  static double f(double x) { // expect: [ADJ107] @Differentiable(wrt = "z") on f: there is no parameter 'z'
    return x;
  }

  @Differentiable
  static double g(@NoDerivative double x, int n) { // expect: [ADJ107] @Differentiable method g has no parameter to differentiate
    return x * n;
  }

  @Differentiable
  abstract double h(double x); // expect: [ADJ107] @Differentiable method h has no body

  @Differentiable
  static double o(@Owned double x) { // expect: [ADJ107] @Owned on parameter 'x' of o(double): only an array parameter can be owned
    return x;
  }

  record Point(double x, double y) {}

  @Differentiable(wrt = "p")
  static double r(Point p, double k) { // expect: [ADJ107] @Differentiable(wrt = "p") on r: 'p' is Adj107Declaration.Point; only double and float parameters (and their arrays, and Tensors) have partials: a record or object parameter is read as constants
    return k * p.x();
  }
}
