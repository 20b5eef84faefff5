package natural;

import dev.adjoint.annotations.Differentiable;

/** Variable-arity methods, differentiable and not, called with separate arguments. */
class Varargs {
  @Differentiable
  static double sumOfSquares(double scale, double... xs) {
    double s = 0;
    for (double x : xs) {
      s += x * x;
    }
    return scale * s;
  }

  static int largest(int... values) {
    int m = values[0];
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  @Differentiable
  static double calls(double a, double b, int n) {
    return sumOfSquares(0.5, a, b, a * b) + sumOfSquares(2) + a * largest(n, 3, 1);
  }
}
