package dev.adjoint.corpus;

import dev.adjoint.annotations.Differentiable;

/**
 * Corpus functions of scalars with control flow: iterations (Newton, fixed point, series), ODE
 * integrators, piecewise definitions, loops with data-dependent trip counts, labeled jumps, early
 * returns, calls and recursion inside loops. {@link ControlFlowEntries} checks them.
 */
public final class ControlFlowCorpus {
  private ControlFlowCorpus() {}

  /** The time step of the integrators. */
  static final double DT = 0.01;

  // ---- iterations ----

  /** √a by 30 Newton steps x ← (x + a/x) / 2 from x = a: ∂/∂a → 1 / (2√a). */
  @Differentiable
  static double newtonSqrt(double a) {
    double x = a;
    for (int k = 0; k < 30; k++) {
      x = 0.5 * (x + a / x);
    }
    return x;
  }

  /** ∛a by Newton's method, stopping when a step changes x by less than 10⁻¹³. */
  @Differentiable
  static double newtonCubeRoot(double a) {
    double x = 1 + a / 3;
    for (int k = 0; k < 100; k++) {
      double next = x - (x * x * x - a) / (3 * x * x);
      if (Math.abs(next - x) < 1e-13) {
        x = next;
        break;
      }
      x = next;
    }
    return x;
  }

  /** The fixed point of y = c cos y, by 60 iterations (|c| < 1: a contraction). */
  @Differentiable
  static double fixedPointCos(double c) {
    double y = 0;
    for (int k = 0; k < 60; k++) {
      y = c * Math.cos(y);
    }
    return y;
  }

  /** eˣ by its Taylor series to 30 terms: an int counter divides. */
  @Differentiable
  static double taylorExp(double x) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < 30; k++) {
      term *= x / k;
      sum += term;
    }
    return sum;
  }

  /** Σ_{i<n} rⁱ with a running term. */
  @Differentiable
  static double geometricSeries(double r, int n) {
    double term = 1;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += term;
      term *= r;
    }
    return sum;
  }

  /** xⁿ by repeated multiplication in a while loop counting down. */
  @Differentiable
  static double powerByWhile(double x, int n) {
    int k = n;
    double p = 1;
    while (k > 0) {
      p *= x;
      k--;
    }
    return p;
  }

  /** A long counter: Σ_{k<6} x k sin(k x). */
  @Differentiable
  static double longCounter(double x) {
    double s = 0;
    for (long k = 0; k < 6; k++) {
      s += x * k * Math.sin(k * x);
    }
    return s;
  }

  // ---- integrators ----

  /** x(2) of x'' = −k x − c x' by 200 explicit Euler steps. */
  @Differentiable
  static double eulerDampedOscillator(double x0, double v0, double k, double c) {
    double x = x0;
    double v = v0;
    for (int step = 0; step < 200; step++) {
      double a = -k * x - c * v;
      x += DT * v;
      v += DT * a;
    }
    return x;
  }

  /** x'(1) of the same oscillator by 100 midpoint (RK2) steps, in a while loop. */
  @Differentiable
  static double rk2DampedOscillator(double x0, double v0, double k, double c) {
    double x = x0;
    double v = v0;
    int step = 0;
    while (step < 100) {
      double a = -k * x - c * v;
      double xMid = x + 0.5 * DT * v;
      double vMid = v + 0.5 * DT * a;
      double aMid = -k * xMid - c * vMid;
      x += DT * vMid;
      v += DT * aMid;
      step++;
    }
    return v;
  }

  // ---- piecewise ----

  /** Four pieces, joined continuously except at 1. */
  @Differentiable
  static double piecewise(double x) {
    double y;
    if (x < -1) {
      y = -x * x;
    } else if (x < 0) {
      y = x;
    } else if (x < 1) {
      y = Math.sin(x) * x;
    } else {
      y = Math.exp(1 - x) + 2 * x;
    }
    return y;
  }

  /** Σ_{i<5} max(0, x − i/2)², the max written as an if inside the loop. */
  @Differentiable
  static double squaredReluSum(double x) {
    double s = 0;
    for (int i = 0; i < 5; i++) {
      double t = x - 0.5 * i;
      if (t > 0) {
        s += t * t;
      }
    }
    return s;
  }

  /** A ternary on the running value inside the loop. */
  @Differentiable
  static double ternaryInLoop(double x, double y) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      s += s < y ? x * i : -y / (1 + i);
    }
    return s;
  }

  // ---- data-dependent trip counts and jumps ----

  /** Halves y = x until it is at most 1, in a do-while; returns y times the halvings. */
  @Differentiable
  static double halvingsDoWhile(double x) {
    double y = x;
    int k = 0;
    do {
      y *= 0.5;
      k++;
    } while (y > 1);
    return y * k;
  }

  /** Accumulates x² + i/10 until it passes 10: a break on a differentiated value. */
  @Differentiable
  static double breakOnAccumulated(double x) {
    double s = 0;
    for (int i = 0; i < 100; i++) {
      s += x * x + i * 0.1;
      if (s > 10) {
        break;
      }
    }
    return s;
  }

  /** Σ xⁱ yʲ over j ≤ i, the triangle cut by a labeled continue of the outer loop. */
  @Differentiable
  static double labeledContinueTriangle(double x, double y) {
    double s = 0;
    double xi = 1;
    outer:
    for (int i = 0; i < 4; i++) {
      double yj = 1;
      for (int j = 0; j < 4; j++) {
        if (j > i) {
          xi *= x;
          continue outer;
        }
        s += xi * yj;
        yj *= y;
      }
      xi *= x;
    }
    return s;
  }

  /** The first (i, j) with i x + j y > 3 returns from inside both loops. */
  @Differentiable
  static double earlyReturnNested(double x, double y) {
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        if (i * x + j * y > 3) {
          return i * x * y + j;
        }
      }
    }
    return x + y;
  }

  /** Collatz steps of n (a while on ints, evenness without %), each step mixing in x. */
  @Differentiable
  static double collatzWeighted(double x, int n) {
    int m = n;
    double s = 0;
    while (m != 1) {
      if (m / 2 * 2 == m) {
        m = m / 2;
        s = s * x + 1;
      } else {
        m = 3 * m + 1;
        s = Math.sin(s + x);
      }
    }
    return s;
  }

  /** A boolean flag set once inside the loop doubles what follows. */
  @Differentiable
  static double flagInLoop(double x) {
    boolean seen = false;
    double s = 0;
    for (int i = 0; i < 6; i++) {
      s += x * (i + 1);
      if (!seen && s > 1) {
        seen = true;
        s *= 2;
      }
    }
    return seen ? s : -s;
  }

  // ---- calls, recursion, local arrays ----

  /** Calls {@code @Differentiable} methods inside a loop. */
  @Differentiable
  static double loopCallsDifferentiable(double x, double y) {
    double s = 0;
    for (int i = 0; i < 5; i++) {
      s += ScalarCorpus.logistic(x * i - y) * ScalarCorpus.softplus(y - i);
    }
    return s;
  }

  /** Σ_{k=1..n} xᵏ/k, recursively, each power by a loop. */
  @Differentiable
  static double recursiveWithLoop(double x, int n) {
    if (n == 0) {
      return 0;
    }
    double p = 1;
    for (int k = 0; k < n; k++) {
      p *= x;
    }
    return p / n + recursiveWithLoop(x, n - 1);
  }

  /** Σ_{j ≤ i < 4} sin(i x + j). */
  @Differentiable
  static double nestedTriangle(double x) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j <= i; j++) {
        s += Math.sin(i * x + j);
      }
    }
    return s;
  }

  /** A local array from an initializer of scalars, updated through compound writes. */
  @Differentiable
  static double arrayInitializer(double x, double y) {
    double[] p = {x, y, x * y};
    p[0] += p[1] * p[2];
    p[2] *= Math.cos(p[0]);
    double s = 0;
    for (double e : p) {
      s += e;
    }
    return s;
  }

  /** aₖ = aₖ₋₁ x + sin aₖ₋₁ in a local array. */
  @Differentiable
  static double localArrayRecurrence(double x) {
    double[] a = new double[5];
    a[0] = x;
    for (int i = 1; i < a.length; i++) {
      a[i] = a[i - 1] * x;
      a[i] += Math.sin(a[i - 1]);
    }
    return a[a.length - 1];
  }

  /**
   * Regression (found by the random-program test): a loop with nothing active inside but a branch
   * on a differentiated value; each call left the branch's saved conditions on the tape.
   */
  @Differentiable
  static double branchInInactiveLoop(double a) {
    for (int j = 0; j < 3; j++) {
      if (a > j) {
        break;
      }
    }
    return a * a;
  }

  // ---- float ----

  /** {@link #eulerDampedOscillator} in float. */
  @Differentiable
  static float floatEuler(float x0, float v0, float k, float c) {
    float x = x0;
    float v = v0;
    for (int step = 0; step < 200; step++) {
      float a = -k * x - c * v;
      x += (float) DT * v;
      v += (float) DT * a;
    }
    return x;
  }

  /** {@link #newtonSqrt} in float, 12 steps. */
  @Differentiable
  static float floatNewtonSqrt(float a) {
    float x = a;
    int k = 0;
    do {
      x = 0.5f * (x + a / x);
      k++;
    } while (k < 12);
    return x;
  }

  // ---- switch with colon labels ----

  /**
   * Colon labels: k = 0 falls through into case 1, case 1 breaks, default (in the middle) falls
   * through into case 3.
   */
  @Differentiable
  static double switchGroups(double x, int k) {
    double y = 1;
    switch (k) {
      case 0:
        y *= x;
      case 1:
        y += Math.sin(x);
        break;
      default:
        y = -x * x;
      case 3:
        y *= 2;
    }
    return y;
  }

  /**
   * A colon switch in a loop: {@code continue} goes on to the loop, {@code break} leaves only the
   * switch, a {@code return} inside it leaves the method.
   */
  @Differentiable
  static double switchInLoop(double x, int n) {
    double y = x;
    for (int i = 0; i < 6; i++) {
      switch (i % 3) {
        case 1:
          if (i == n) {
            return y * x;
          }
          continue;
        case 2:
          y += Math.cos(y);
          break;
        default:
          y *= 0.75;
      }
      y += x;
    }
    return y;
  }

  /** Arrow cases with default in the middle: a later case is still selected by its label. */
  @Differentiable
  static double arrowDefaultInMiddle(double x, int k) {
    double y = 0;
    switch (k) {
      case 1 -> y = x;
      default -> y = -x;
      case 2 -> y = x * x;
    }
    double z =
        switch (k) {
          default -> 1.0;
          case 2 -> Math.sin(x);
        };
    return y + z;
  }
}
