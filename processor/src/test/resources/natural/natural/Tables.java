package natural;

import dev.adjoint.annotations.Differentiable;

/** Coefficient tables and array fields, read by index and length. */
class Tables {
  static final double[] COEF = {1.0, -0.5, 0.25, 0.125};
  final double[] weights;
  final double scale;

  Tables(double[] weights, double scale) {
    this.weights = weights;
    this.scale = scale;
  }

  /** Horner's rule over a static table. */
  @Differentiable
  static double polynomial(double x) {
    double s = 0;
    for (int i = COEF.length - 1; i >= 0; i--) {
      s = s * x + COEF[i];
    }
    return s + Tables.COEF[0] * x;
  }

  /** An array field of the receiver, read as weights[i] and this.weights[i]. */
  @Differentiable
  double weighted(double[] x) {
    double s = 0;
    for (int i = 0; i < this.weights.length; i++) {
      s += weights[i] * x[i] * x[i] * this.weights[i];
    }
    return s * scale;
  }
}
