package natural;

import dev.adjoint.annotations.Differentiable;
import java.util.Arrays;

/** Copying and filling arrays with the JDK's methods. */
class Copies {
  static final double[] COEF = {1.0, -0.5, 0.25, 0.125};

  /** A smoothed copy of x: the input is cloned, then written. */
  @Differentiable
  static double smoothed(double[] x) {
    double[] y = x.clone();
    for (int i = 1; i < y.length - 1; i++) {
      y[i] = 0.5 * y[i] + 0.25 * (x[i - 1] + x[i + 1]);
    }
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return s;
  }

  /** A coefficient table, copied so that it can be scaled. */
  @Differentiable
  static double scaledTable(double x) {
    double[] c = COEF.clone();
    for (int i = 0; i < c.length; i++) {
      c[i] *= x;
    }
    return c[0] * c[1] + c[2] * c[3] * x;
  }

  /** Arrays.copyOf, shorter and longer than its source. */
  @Differentiable
  static double truncatedAndPadded(double[] x, double a) {
    double[] head = Arrays.copyOf(x, 2);
    double[] padded = Arrays.copyOf(x, x.length + 2);
    padded[padded.length - 1] = a * head[1];
    double s = 0;
    for (int i = 0; i < padded.length; i++) {
      s += Math.sin(padded[i]) * (i + 1);
    }
    return s + head[0] * a;
  }

  /** System.arraycopy between arrays and, overlapping, within one (a shift both ways). */
  @Differentiable
  static double shifted(double[] x, double a) {
    double[] y = new double[x.length + 1];
    System.arraycopy(x, 0, y, 1, x.length);
    y[0] = a;
    System.arraycopy(y, 0, y, 1, y.length - 1); // up by one: runs last first
    y[0] = a * a;
    System.arraycopy(y, 2, y, 1, y.length - 2); // down by one
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * (i + 1) * y[i];
    }
    return s;
  }

  /** Arrays.fill of a whole array and of a range. */
  @Differentiable
  static double filled(double[] x, double a) {
    double[] w = new double[x.length];
    Arrays.fill(w, a);
    Arrays.fill(w, 1, x.length - 1, a * a);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * x[i];
    }
    return s;
  }
}
