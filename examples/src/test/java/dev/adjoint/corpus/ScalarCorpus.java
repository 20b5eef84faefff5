package dev.adjoint.corpus;

import static java.lang.Math.exp;
import static java.lang.Math.log1p;

import dev.adjoint.Adjoint;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * The shared corpus of scalar {@code double} functions: one per derivative rule, then the language
 * features the processor supports, then realistic formulas. {@link ScalarCorpusTest} checks every
 * one of them against finite differences; add a function here and one line there.
 */
public final class ScalarCorpus {
  private ScalarCorpus() {}

  /** Standard gravity, m/s². */
  static final double G = 9.81;

  static final double HALF = 0.5;

  // ---- arithmetic rules ----

  @Differentiable
  static double add(double x, double y) {
    return x + y;
  }

  @Differentiable
  static double sub(double x, double y) {
    return x - y;
  }

  @Differentiable
  static double mul(double x, double y) {
    return x * y;
  }

  @Differentiable
  static double div(double x, double y) {
    return x / y;
  }

  @Differentiable
  static double negate(double x, double y) {
    return -(x * y) + -x;
  }

  @Differentiable
  static double compound(double x, double y) {
    double r = x;
    r += y;
    r *= x;
    r -= y * y;
    r /= 1 + y * y;
    return r;
  }

  @Differentiable
  static double incrementDecrement(double x) {
    double a = x;
    a++;
    a *= x;
    a--;
    ++a;
    --a;
    return a * a;
  }

  // ---- one Math function each ----

  @Differentiable
  static double mathExp(double x) {
    return Math.exp(x);
  }

  @Differentiable
  static double mathExpm1(double x) {
    return Math.expm1(x);
  }

  @Differentiable
  static double mathLog(double x) {
    return Math.log(x);
  }

  @Differentiable
  static double mathLog1p(double x) {
    return Math.log1p(x);
  }

  @Differentiable
  static double mathLog10(double x) {
    return Math.log10(x);
  }

  @Differentiable
  static double mathSqrt(double x) {
    return Math.sqrt(x);
  }

  @Differentiable
  static double mathCbrt(double x) {
    return Math.cbrt(x);
  }

  @Differentiable
  static double mathSin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  static double mathCos(double x) {
    return Math.cos(x);
  }

  @Differentiable
  static double mathTan(double x) {
    return Math.tan(x);
  }

  @Differentiable
  static double mathAsin(double x) {
    return Math.asin(x);
  }

  @Differentiable
  static double mathAcos(double x) {
    return Math.acos(x);
  }

  @Differentiable
  static double mathAtan(double x) {
    return Math.atan(x);
  }

  @Differentiable
  static double mathSinh(double x) {
    return Math.sinh(x);
  }

  @Differentiable
  static double mathCosh(double x) {
    return Math.cosh(x);
  }

  @Differentiable
  static double mathTanh(double x) {
    return Math.tanh(x);
  }

  @Differentiable
  static double mathAbs(double x) {
    return Math.abs(x) * x;
  }

  @Differentiable
  static double mathAtan2(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  static double mathHypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  static double powActive(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable
  static double powConstantExponent(double x) {
    return Math.pow(x, 3.5) + Math.pow(x, 2);
  }

  @Differentiable
  static double powConstantBase(double x) {
    return Math.pow(2, x);
  }

  @Differentiable
  static double mathMax(double x, double y) {
    return Math.max(x, y * y);
  }

  @Differentiable
  static double mathMin(double x, double y) {
    return Math.min(x * y, y);
  }

  // ---- language features ----

  @Differentiable
  static double square(double x) {
    return x * x;
  }

  @Differentiable
  static double nestedCalls(double x, double y) {
    return softplus(x) * logistic(y) + square(x - y);
  }

  /** xⁿ by recursion; the base case is the unused arm of a ternary. */
  @Differentiable
  static double powRecursive(double x, int n) {
    return n == 0 ? 1.0 : x * powRecursive(x, n - 1);
  }

  /** The unused arm is NaN (and so is its derivative) for x ≤ 0. */
  @Differentiable
  static double safeLog(double x) {
    return x > 0 ? Math.log(x) : 0;
  }

  /** The unused arm's derivative 1/(2√x) is NaN for x < 0. */
  @Differentiable
  static double safeSqrt(double x) {
    return x >= 0 ? Math.sqrt(x) : -x;
  }

  @Differentiable
  static double sinc(double x) {
    return Math.abs(x) < 1e-8 ? 1.0 : Math.sin(x) / x;
  }

  @Differentiable
  static double ifElseMerge(double x, double y) {
    double a = x;
    double b = y;
    if (x > y) {
      a = Math.sin(x) * y;
      b = a + x;
    } else if (x < -y) {
      a = x * x;
    } else {
      b = Math.exp(y) - a;
    }
    return a * b;
  }

  @Differentiable
  static double ifWithoutElse(double x) {
    double r = x;
    if (x < 0) {
      r = Math.log1p(x * x);
    }
    return r * x;
  }

  @Differentiable
  static double reassignParameter(double x, double y) {
    x = x * y;
    y = Math.sin(x) + y;
    x = x + y;
    return x * y;
  }

  @Differentiable
  static double varLocals(double x, double y) {
    var t = x * y;
    var u = Math.cos(t) + x;
    var k = 3;
    return u * t + k * x;
  }

  @Differentiable
  static double integerControls(double x, int n, long m, boolean flip) {
    int k = n * 2 + 1;
    long big = m + k;
    double r = x * k + big * Math.sin(x);
    boolean small = Math.abs(x) < 1 && !flip;
    return flip || small ? -r : r;
  }

  @Differentiable
  static double gaussianDensity(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return Math.exp(-HALF * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }

  @Differentiable
  static double noDerivativeParameter(double x, @NoDerivative double k) {
    return k * Math.sin(x) + x;
  }

  @Differentiable(wrt = {"y"})
  static double wrtOnlyY(double x, double y) {
    return x * y + Math.exp(x * y);
  }

  /** floor is piecewise constant, so blocking it loses nothing away from the integers. */
  @Differentiable
  static double blockedFloor(double x) {
    return x * Adjoint.noDerivative(Math.floor(x)) + Adjoint.noDerivative(Math.ceil(x));
  }

  @Differentiable
  static double blockedRounding(double x, double y) {
    double s = Adjoint.noDerivative(Math.signum(x));
    return s * y + Adjoint.noDerivative(Math.rint(y)) * x;
  }

  /** Blocks a real gradient: ∂/∂y is x, not x + 2y. */
  @Differentiable
  static double stopGradient(double x, double y) {
    return x * y + Adjoint.noDerivative(y * y);
  }

  @Differentiable
  static double strictMath(double x, double y) {
    return StrictMath.sin(x) * StrictMath.exp(y) + StrictMath.hypot(x, y);
  }

  @Differentiable
  static double staticImports(double x) {
    return log1p(exp(x)) * exp(-x);
  }

  @Differentiable
  static double normalCdfCaller(double x, double y) {
    return NormalDistribution.cdf(x * y) + y;
  }

  /** Mutual recursion: each base case is the unused arm of a ternary. */
  @Differentiable
  static double mutualEven(double x, int n) {
    return n == 0 ? x : mutualOdd(x * 1.1, n - 1);
  }

  @Differentiable
  static double mutualOdd(double x, int n) {
    return n == 0 ? -x : mutualEven(Math.sin(x), n - 1);
  }

  @Differentiable
  static double overloaded(double x) {
    return x * x;
  }

  /** A second overload: its record is {@code OverloadedGradient2}. */
  @Differentiable
  static double overloaded(double x, double y, double z) {
    return x * y + overloaded(z);
  }

  /** Locals and parameters named like the generated code's temporaries and seed. */
  @Differentiable
  static double generatedNames(double x, double seed) {
    double t1 = x * 2;
    double dX = seed * t1;
    double dSeed = dX + x;
    return dSeed * t1;
  }

  /** A parameter named value: the record calls the result {@code primal}. */
  @Differentiable
  static double valueParameter(double value, double y) {
    return value * y + Math.sin(value);
  }

  @Differentiable
  static double integerArithmetic(double x, int n) {
    return x * (n / 2) + x / 2 + 1 / x + n * x + 1L * x + +x;
  }

  /** Math.pow with an integer exponent at negative bases: no log on the gradient path. */
  @Differentiable
  static double powIntegerExponent(double x, int n) {
    return Math.pow(x, n) + Math.pow(x, 2);
  }

  @Differentiable
  static double nestedTernaries(double x, double y) {
    double a = x, b = y;
    double c = a * b;
    c *= c;
    return c + (x > 0 ? (y > 0 ? x : y) : x * y);
  }

  @Differentiable
  static double nestedIfs(double x, double y) {
    double a = x;
    double b = 0;
    if (x > 0) {
      if (y > 0) {
        a = a * y;
        b = a;
      } else {
        b = y;
      }
      a += b;
    }
    return a * b + a;
  }

  /** Piecewise-constant Math functions are allowed off the gradient path. */
  @Differentiable
  static double inactiveMath(double x, @NoDerivative double k, int n) {
    double f = Math.floor(k) + Math.abs(n) + Math.max(n, 2);
    return f * x + Math.signum(k);
  }

  /** Lives in a nested class: the generated class is {@code ScalarCorpus_NestedGrad}. */
  static final class Nested {
    private Nested() {}

    @Differentiable
    static double xExp(double x) {
      return Math.exp(x) * x;
    }
  }

  // ---- realistic ----

  /** Range of a projectile on flat ground: v² sin(2θ) / g. */
  @Differentiable
  static double projectileRange(double v, double theta) {
    return v * v * Math.sin(2 * theta) / G;
  }

  @Differentiable
  static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** log(1 + eˣ) without overflow. */
  @Differentiable
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  @Differentiable
  static double logSumExp2(double x, double y) {
    double m = Math.max(x, y);
    return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
  }

  @Differentiable
  static double logSumExp3(double x, double y, double z) {
    double m = Math.max(x, Math.max(y, z));
    return m + Math.log(Math.exp(x - m) + Math.exp(y - m) + Math.exp(z - m));
  }

  /** Black-Scholes price of a European call. */
  @Differentiable
  static double blackScholesCall(double s, double k, double t, double r, double sigma) {
    double volSqrtT = sigma * Math.sqrt(t);
    double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / volSqrtT;
    double d2 = d1 - volSqrtT;
    return s * NormalDistribution.cdf(d1) - k * Math.exp(-r * t) * NormalDistribution.cdf(d2);
  }

  /** Thirty-odd operations mixing every kind of node. */
  @Differentiable
  static double manyOperations(double x, double y, double z) {
    double a = x * y + Math.sin(z);
    double b = Math.exp(-a * a) + Math.log1p(y * y);
    double c = Math.sqrt(1 + z * z) * Math.cos(x - y);
    double d = Math.tanh(b - c) / (1 + Math.abs(a));
    double e = Math.atan2(d, 1 + b * b) + Math.hypot(a, c);
    double f = Math.pow(1 + b, 1.5) - Math.cbrt(x + 4);
    double g = a > 0 ? e * f : e - f;
    g += Math.sinh(d) * HALF;
    return g * Math.max(c, -1) + Math.min(a, 3) - z / (2 + Math.cosh(x));
  }
}
