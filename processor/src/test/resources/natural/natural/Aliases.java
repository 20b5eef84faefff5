package natural;

import dev.adjoint.annotations.Differentiable;

/** A store through a second name for an array the loop reads. */
class Aliases {
  @Differentiable
  static double storeThroughAlias(double[] x, double a) {
    double[] w = x.clone();
    double[] b = w;
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double v = w[i];
      s += Math.sin(v * a);
      b[i] = v * a;
    }
    return s;
  }
}
