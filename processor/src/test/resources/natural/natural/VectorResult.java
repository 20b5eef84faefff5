package natural;

import dev.adjoint.annotations.Differentiable;

/** A method returning an array, whose loop keeps values on the tape. */
class VectorResult {
  @Differentiable
  static double[] running(double[] x, double r) {
    double[] out = new double[x.length];
    double v = 1;
    for (int i = 0; i < x.length; i++) {
      v = r * v * (1 - v) + x[i];
      out[i] = v * v;
    }
    return out;
  }
}
