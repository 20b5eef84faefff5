package natural;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.tensor.Tensor;

/** Argument checks and assertions, as people write them at the top of a method and in loops. */
class Checks {
  /** A domain error of the caller's, with the offending value in the message. */
  @Differentiable
  static double validated(double x, double y) {
    if (x < 0) {
      throw new IllegalArgumentException("x must be non-negative: " + x);
    }
    return Math.sqrt(x) * y;
  }

  /** A message showing a negated value that nothing else reads: it is joined, not subtracted. */
  @Differentiable
  static double bounded(double x) {
    double below = -x;
    if (x > 3) {
      throw new IllegalArgumentException("x is over 3 by " + (x - 3) + ", below zero by " + below);
    }
    return x * x;
  }

  /** A check in a loop; the message adds two values, then joins them as text. */
  @Differentiable
  static double normalised(double[] w, double limit) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      if (Math.abs(w[i]) > limit) {
        throw new IllegalStateException("w[" + i + "] = " + w[i] + ", " + (w[i] + limit) + " apart");
      }
      s += w[i] * w[i] * limit;
    }
    return s;
  }

  static final class OutOfRange extends RuntimeException {
    OutOfRange(String message) {
      super(message);
    }
  }

  /** An exception of the user's, thrown from one arm of a switch. */
  @Differentiable
  static double tabled(double x, int mode) {
    double k;
    switch (mode) {
      case 0 -> k = x * x;
      case 1 -> k = Math.exp(x);
      default -> throw new OutOfRange("mode " + mode);
    }
    return k + x;
  }

  /** A switch expression whose arms throw: first, and last. */
  @Differentiable
  static double tabledValue(double x, int mode) {
    double k =
        switch (mode) {
          case 9 -> throw new IllegalArgumentException("mode 9 is reserved");
          case 0 -> x * x;
          case 1 -> {
            double e = Math.exp(x);
            yield e * x;
          }
          default -> throw new OutOfRange("mode " + mode);
        };
    return k + x;
  }

  /** Assertions: a condition with a value as its message, and one without a message. */
  @Differentiable
  static double asserted(double x, int n) {
    assert n > 0 : n;
    double y = 0;
    for (int i = 0; i < n; i++) {
      y += Math.sin(x * i);
      assert !Double.isNaN(y);
    }
    return y * x;
  }

  /** A branch that assigns and throws: the value merged after it comes from the other arm. */
  @Differentiable
  static double merged(double x) {
    double y;
    if (x > 10) {
      y = 1;
      throw new ArithmeticException("too large: " + (x - 10));
    } else {
      y = x * x;
    }
    return y * 3;
  }

  /** A tensor method's check, also where it is written into a caller. */
  @Differentiable
  static Tensor scaledSum(Tensor x, @NoDerivative double s) {
    if (s <= 0) {
      throw new IllegalArgumentException("scale must be positive: " + s);
    }
    return x.mul(s).sum();
  }

  @Differentiable
  static Tensor squaredScaledSum(Tensor x, @NoDerivative double s) {
    Tensor y = scaledSum(x, s);
    return y.mul(y);
  }
}
