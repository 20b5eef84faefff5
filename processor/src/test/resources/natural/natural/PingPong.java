package natural;

import dev.adjoint.annotations.Differentiable;

/** Ping-pong time stepping: two buffers swapped after every step. */
class PingPong {
  @Differentiable
  static double diffuse(double[] u0, double k, int steps) {
    int n = u0.length;
    double[] cur = u0.clone();
    double[] nxt = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int i = 1; i < n - 1; i++) {
        nxt[i] = cur[i] + k * (cur[i - 1] - 2 * cur[i] + cur[i + 1]);
      }
      nxt[0] = cur[0] * (1 - k);
      nxt[n - 1] = cur[n - 1];
      double[] t = cur;
      cur = nxt;
      nxt = t;
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += cur[i] * cur[i] * (i + 1);
    }
    return e;
  }

  /** A swap decided in a branch, and a buffer replaced by a fresh array. */
  @Differentiable
  static double swapsInBranches(double[] x, double a) {
    double[] p = x.clone();
    double[] q = new double[x.length];
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < x.length; i++) {
        q[i] = Math.sin(p[i] * a) + p[(i + 1) % x.length];
      }
      if (s % 2 == 0) {
        double[] t = p;
        p = q;
        q = t;
      } else {
        p = q.clone();
      }
    }
    return p[0] * p[1] + q[2];
  }
}
