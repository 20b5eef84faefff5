package natural;

import dev.adjoint.Adjoint;
import dev.adjoint.annotations.Differentiable;

/** Calls without a derivative whose values are constants for the gradient, and angle units. */
class MathCalls {
  /** A random factor, wrapped: a constant for the gradient. */
  @Differentiable
  static double jittered(double x) {
    double r = Adjoint.noDerivative(Math.random());
    return x * x * x * (1 + r);
  }

  /** The angle enters only through a wrapped call: ∂/∂a is 0, ∂/∂b is toRadians(a). */
  @Differentiable
  static double wrappedAngle(double a, double b) {
    return b * Adjoint.noDerivative(Math.toRadians(a));
  }

  /** Math.floorMod on an int index: a cyclic neighbour. */
  @Differentiable
  static double cyclicProducts(double[] x, int shift) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[Math.floorMod(i + shift, x.length)];
    }
    return s;
  }

  static int clamp(int i, int n) {
    return Math.max(0, Math.min(i, n - 1));
  }

  static int count(int n, int length) {
    return Math.min(n, length);
  }

  /** A helper of the user's without a derivative, as an index and as a loop bound. */
  @Differentiable
  static double offThePath(double[] x, int n) {
    double s = 0;
    for (int i = 0; i < count(n, x.length); i++) {
      s += Math.sin(x[clamp(i + 1, x.length)]) * x[i];
    }
    return s;
  }

  @Differentiable
  static double angles(double deg, double rad) {
    return Math.sin(Math.toRadians(deg)) * Math.toDegrees(rad) + Math.signum(rad) * deg;
  }

  @Differentiable
  static float anglesInFloat(float deg) {
    return (float) Math.cos(Math.toRadians(deg)) * deg;
  }

  /** Horner's rule with fused multiply-adds. */
  @Differentiable
  static double horner(double x, double a, double b) {
    return Math.fma(Math.fma(a, x, b), x, 1.5);
  }

  @Differentiable
  static float hornerInFloat(float x, float a) {
    return Math.fma(a, x, 2f);
  }

  /** A magnitude with another value's sign, and a value held in a range whose ends are inputs. */
  @Differentiable
  static double signsAndLimits(double m, double s, double lo, double hi) {
    return Math.copySign(m * m + m, s) + Math.clamp(m * s, lo, hi) * hi;
  }

  @Differentiable
  static float clampedInFloat(float x, float lo) {
    return Math.clamp(x * x, lo, 4f) + Math.copySign(x, -1f);
  }

  /** The integral overload: a constant index, off the gradient path. */
  @Differentiable
  static double clampedIndex(double[] x, long i) {
    return x[Math.clamp(i, 0, x.length - 1)] * x[0];
  }
}
