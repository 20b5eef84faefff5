import dev.adjoint.annotations.Differentiable;

class Adj102Arrays {
  @Differentiable
  static double[] twice(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 * x[i];
    }
    return y;
  }

  @Differentiable
  static double grid(double x) {
    double[][] g = new double[2][2]; // expect: [ADJ106] local two-dimensional array 'g'
    return x;
  }

  @Differentiable
  static double sumTwice(double[] x) {
    return twice(x)[0]; // expect: [ADJ102] a call to a @Differentiable method returning an array is not supported
  }
}
