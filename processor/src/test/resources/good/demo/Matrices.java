package demo;

import dev.adjoint.annotations.Differentiable;

/** Two-dimensional arrays: rows are aliases, and so are their adjoints. */
class Matrices {
  @Differentiable
  static double quadraticForm(double[][] m, double[] x) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      double[] row = m[i];
      for (int j = 0; j < row.length; j++) {
        s += x[i] * row[j] * x[j];
      }
    }
    return s;
  }

  @Differentiable
  static double frobenius(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }
}
