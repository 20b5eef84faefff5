package demo;

import dev.adjoint.annotations.Differentiable;

/**
 * Array copies are aliases, and so are their adjoints: an initializer ({@code {x, y}} lowers to a
 * new array copied into the variable) and a declaration from another array.
 */
class ArrayAliases {
  @Differentiable
  static double initializer(double x, double y) {
    double[] p = {x, y};
    return p[0] * p[1];
  }

  @Differentiable
  static double aliases(double[] v, double x) {
    double[] a = new double[2];
    a[0] = x;
    double[] b = a;
    b[1] = x * x;
    double[] c = v;
    double s = 0;
    for (int i = 0; i < 2; i++) {
      double[] d = {c[i], x};
      double[] e = d;
      s += e[0] * e[1] + b[1] * c[1 - i];
    }
    return s;
  }

  /** The {@code {…}} shorthand takes its element type from the declaration. */
  @Differentiable
  static double typedInitializers(double[] v, double x) {
    int[] order = {2, 0, 1};
    boolean[] use = {true, false, true};
    float[] scale = {0.5f, 2f, x > 0 ? 1f : -1f};
    double s = 0;
    for (int i = 0; i < order.length; i++) {
      if (use[i]) {
        s += v[order[i]] * x * scale[i];
      }
    }
    return s;
  }
}
