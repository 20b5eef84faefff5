import dev.adjoint.annotations.Differentiable;

class Adj106Matrices {
  @Differentiable
  static double local(double x) {
    double[][] m = {{x, x}, {x, x}}; // expect: [ADJ106] local two-dimensional array 'm'
    return m[0][0];
  }

  @Differentiable
  static double[][] identity(double x) { // expect: [ADJ106] @Differentiable method identity returns double[][]
    return null;
  }
}
