package dev.adjoint.corpus;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.annotations.Owned;

/**
 * Corpus functions of arrays: reductions, linear algebra on flat arrays, sorting a local copy,
 * softmax, searches with early exits. Array parameters are read-only; local arrays are written.
 * {@link ControlFlowEntries} checks each one element by element against finite differences.
 */
public final class ArrayCorpus {
  private ArrayCorpus() {}

  /** The threshold of {@link #firstHeavyRow}. */
  static final double HEAVY = 1.5;

  // ---- reductions ----

  @Differentiable
  static double sum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
    }
    return s;
  }

  @Differentiable
  static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** Σ xᵢ², over the elements directly. */
  @Differentiable
  static double sumOfSquares(double[] x) {
    double s = 0;
    for (double e : x) {
      s += e * e;
    }
    return s;
  }

  /** c₀ + c₁t + … + cₙtⁿ by Horner's rule, from the highest coefficient down. */
  @Differentiable
  static double horner(double[] c, double t) {
    double p = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      p = p * t + c[i];
    }
    return p;
  }

  /** Horner with a while loop, differentiated with respect to t only. */
  @Differentiable(wrt = {"t"})
  static double hornerInT(double[] c, double t) {
    int i = c.length;
    double p = 0;
    while (i > 0) {
      i--;
      p = p * t + c[i];
    }
    return p;
  }

  /** Σ wᵢ xᵢ² with the weights held constant. */
  @Differentiable
  static double weightedSquares(@NoDerivative double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * x[i] * x[i];
    }
    return s;
  }

  /** The mean's second central moment, in two passes. */
  @Differentiable
  static double variance(double[] x) {
    double mean = 0;
    for (double e : x) {
      mean += e;
    }
    mean /= x.length;
    double s = 0;
    for (double e : x) {
      s += (e - mean) * (e - mean);
    }
    return s / x.length;
  }

  /** Σ of the running products x₀, x₀x₁, x₀x₁x₂, …, kept in a local array. */
  @Differentiable
  static double runningProducts(double[] x) {
    double[] prefix = new double[x.length];
    double p = 1;
    for (int i = 0; i < x.length; i++) {
      p *= x[i];
      prefix[i] = p;
    }
    double s = 0;
    for (int i = 0; i < prefix.length; i++) {
      s += prefix[i];
    }
    return s;
  }

  /** Σ cᵢ² of the prefix sums cᵢ = x₀ + … + xᵢ, built with compound writes to a local array. */
  @Differentiable
  static double prefixSums(double[] x) {
    double[] c = new double[x.length];
    c[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      c[i] = c[i - 1];
      c[i] += x[i];
    }
    double s = 0;
    for (double e : c) {
      s += e * e;
    }
    return s;
  }

  /** The positive elements' count times their sum: an int counter inside a loop. */
  @Differentiable
  static double countPositive(double[] x) {
    int n = 0;
    double s = 0;
    for (double e : x) {
      if (e > 0) {
        n++;
        s += e;
      }
    }
    return n * s;
  }

  // ---- linear algebra on flat arrays ----

  /** |A v|² for A of rows × cols, row-major in a flat array: A[r][c] = a[r * cols + c]. */
  @Differentiable
  static double matVecNormSquared(double[] a, double[] v, int rows, int cols) {
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        y[r] += a[r * cols + c] * v[c];
      }
    }
    double s = 0;
    for (double e : y) {
      s += e * e;
    }
    return s;
  }

  /** Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², the n-dimensional Rosenbrock function. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      s += a * a + 100 * b * b;
    }
    return s;
  }

  /**
   * A loop the processor fuses (an accumulator {@code f -= e}) with a branch inside: scaled squares
   * written {@code c·d·d} and {@code d·c·d}, negated shares, and one element read by two passes.
   */
  @Differentiable
  static double softSteps(double[] x) {
    double f = 0;
    for (int i = 1; i < x.length; i++) {
      double d = x[i] - x[i - 1];
      double s;
      if (d > 0) {
        s = 100 * d * d;
      } else {
        s = -(d * 0.5 * d) - d;
      }
      f -= s - x[i] * d;
    }
    return f;
  }

  /**
   * Penalties whose accumulator is updated inside the branches (so the loop is not fused): scaled
   * squares with the constant on either side, and shares that cancel in sign.
   */
  @Differentiable
  static double branchedPenalties(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length; i++) {
      double u = x[i] - 0.5;
      double v = 2 - x[i] * u;
      if (u > 0) {
        f += u * 3 * u - v;
      } else {
        f -= 0.25 * v * v + u;
      }
    }
    return f;
  }

  /** x · u / |x| for u from an array initializer. */
  @Differentiable
  static double normalizedProjection(double[] x) {
    double[] u = {1, -2, 3, 0.5};
    double norm = 0;
    for (double e : x) {
      norm += e * e;
    }
    norm = Math.sqrt(norm);
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * x[i];
    }
    return s / norm;
  }

  // ---- softmax ----

  /** log Σ exp zᵢ, shifted by the maximum (found with an if on the data). */
  @Differentiable
  static double logSumExp(double[] z) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) {
      if (z[i] > m) {
        m = z[i];
      }
    }
    double s = 0;
    for (double e : z) {
      s += Math.exp(e - m);
    }
    return m + Math.log(s);
  }

  /** softmax(z)ₖ, through a local array of exponentials. */
  @Differentiable
  static double softmaxComponent(double[] z, int k) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) {
      m = Math.max(m, z[i]);
    }
    double[] e = new double[z.length];
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] - m);
      s += e[i];
    }
    return e[k] / s;
  }

  /** −log softmax(z)[label]: probabilities normalized in place with {@code p[i] /= total}. */
  @Differentiable
  static double crossEntropy(double[] z, int label) {
    double m = z[0];
    for (double e : z) {
      m = e > m ? e : m;
    }
    double[] p = new double[z.length];
    double total = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - m);
      total += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    return -Math.log(p[label]);
  }

  /** The largest element (argmax style: an index chosen by comparisons) times the sum. */
  @Differentiable
  static double maxTimesSum(double[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    double s = 0;
    for (double e : x) {
      s += e;
    }
    return x[best] * s;
  }

  // ---- sorting a local copy ----

  /** Σ wᵢ v₍ᵢ₎ with v sorted ascending by insertion sort on a local copy. */
  @Differentiable
  static double insertionSortedWeightedSum(double[] w, double[] v) {
    double[] c = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      c[i] = v[i];
    }
    for (int i = 1; i < c.length; i++) {
      double key = c[i];
      int j = i - 1;
      while (j >= 0 && c[j] > key) {
        c[j + 1] = c[j];
        j--;
      }
      c[j + 1] = key;
    }
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      s += w[i] * c[i];
    }
    return s;
  }

  /** Σ wᵢ sorted(v)ᵢ², sorted by bubble sort with swaps and an early exit when already sorted. */
  @Differentiable
  static double bubbleSortedLoss(double[] w, double[] v) {
    double[] c = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      c[i] = v[i];
    }
    boolean swapped = true;
    int pass = 0;
    while (swapped) {
      swapped = false;
      for (int i = 0; i + 1 < c.length - pass; i++) {
        if (c[i] > c[i + 1]) {
          double t = c[i];
          c[i] = c[i + 1];
          c[i + 1] = t;
          swapped = true;
        }
      }
      pass++;
    }
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      s += w[i] * c[i] * c[i];
    }
    return s;
  }

  // ---- data-dependent loops and jumps ----

  /** Adds squares until the budget is reached: a while loop with a data-dependent trip count. */
  @Differentiable
  static double sumSquaresUntil(double[] x, double budget) {
    int i = 0;
    double s = 0;
    while (i < x.length && s < budget) {
      s += x[i] * x[i];
      i++;
    }
    return s * budget;
  }

  /** s ← s/2 + xᵢ over the elements, in a do-while. */
  @Differentiable
  static double doWhileDecay(double[] x) {
    int i = 0;
    double s = 0;
    do {
      s = s * 0.5 + x[i];
      i++;
    } while (i < x.length);
    return s;
  }

  /**
   * The partial sum of the first row whose running sum passes {@link #HEAVY}, times the row's first
   * element: a labeled break out of nested loops.
   */
  @Differentiable
  static double firstHeavyRow(double[] a, int rows, int cols) {
    double found = 0;
    search:
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int c = 0; c < cols; c++) {
        s += a[r * cols + c];
        if (s > HEAVY) {
          found = s * a[r * cols];
          break search;
        }
      }
    }
    return found + a[0];
  }

  /** Σ (c + 1) aᵣ꜀² over each row up to its first negative element: a labeled continue. */
  @Differentiable
  static double rowPrefixesUntilNegative(double[] a, int rows, int cols) {
    double total = 0;
    rows:
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double e = a[r * cols + c];
        if (e < 0) {
          continue rows;
        }
        total += e * e * (c + 1);
      }
    }
    return total;
  }

  /** The first pair i < j with xᵢxⱼ > 1, returned from inside the nested loops; else Σ xᵢ. */
  @Differentiable
  static double firstPairProduct(double[] x) {
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        if (x[i] * x[j] > 1) {
          return x[i] * x[j] + i - j;
        }
      }
    }
    double s = 0;
    for (double e : x) {
      s += e;
    }
    return s;
  }

  /** Σ max(0, 1 − wᵢxᵢ)²: an if on differentiated values inside the loop. */
  @Differentiable
  static double squaredHinge(double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double margin = 1 - w[i] * x[i];
      if (margin > 0) {
        s += margin * margin;
      }
    }
    return s;
  }

  /** Piecewise-linear interpolation in the table ys at t ∈ [0, n − 1]; k found by a while. */
  @Differentiable
  static double interpolate(double[] ys, double t) {
    int k = 0;
    while (k < ys.length - 2 && t > k + 1) {
      k++;
    }
    double f = t - k;
    return ys[k] * (1 - f) + ys[k + 1] * f;
  }

  /** Calls other {@code @Differentiable} methods on each element. */
  @Differentiable
  static double softplusLogistic(double[] x) {
    double s = 0;
    for (double e : x) {
      s += ScalarCorpus.softplus(e) * ScalarCorpus.logistic(e);
    }
    return s;
  }

  /**
   * Regression (found by the random-program test): an inner loop with nothing active inside moves
   * the index the outer loop's active code reads; the reverse sweep skipped it and read the wrong
   * elements, and left the index's saved values on the tape.
   */
  @Differentiable
  static double inactiveInnerLoopIndex(double[] x) {
    double s = 1;
    for (int i = 0; i < 2; i++) {
      int k = i;
      s = s * x[k];
      for (int j = 0; j < 1; j++) {
        k = k + 1;
      }
      s = s * x[k];
    }
    return s;
  }

  /**
   * Regression: int[], boolean[] and float[] locals from the {@code {…}} shorthand were typed
   * double[] and rejected ([ADJ106] cannot assign a double[] to int[]).
   */
  @Differentiable
  static double typedInitializers(double[] v, double x) {
    int[] order = {2, 0, 1};
    boolean[] use = {true, false, true};
    float[] scale = {0.5f, 2f, 1.5f};
    double s = 0;
    for (int i = 0; i < order.length; i++) {
      if (use[i]) {
        s += v[order[i]] * x * scale[i];
      } else {
        s -= v[order[i]] * v[order[i]];
      }
    }
    return s;
  }

  // ---- reductions whose adjoint runs inside the forward loop ----

  /**
   * Σ (p·xᵢ)² or (p·xᵢ)³/3 by sign, from s = p²: a branch in each pass, and p's partial gathered
   * across the passes and before the loop.
   */
  @Differentiable
  static double branchyTerms(double[] x, double p) {
    double s = p * p;
    for (int i = 0; i < x.length; i++) {
      double t = p * x[i];
      s += t > 0 ? t * t : t * t * t / 3;
    }
    return s;
  }

  /** −Σ xᵢ²xᵢ₊₁, the accumulator subtracted from. */
  @Differentiable
  static double subtractedProducts(double[] x) {
    double s = 1;
    for (int i = 0; i + 1 < x.length; i++) {
      s -= x[i] * x[i] * x[i + 1];
    }
    return s;
  }

  /** Σ exp(−xᵢ²)·w, written term + sum; the weight w is a differentiated scalar. */
  @Differentiable
  static double gaussianTerms(double[] x, double w) {
    double s = 0;
    int i = 0;
    while (i < x.length) {
      s = Math.exp(-x[i] * x[i]) * w + s;
      i++;
    }
    return s;
  }

  /**
   * Σ 2(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² in float, a shallow Rosenbrock valley (with the usual 100 the
   * partials cancel too much for float's tolerances).
   */
  @Differentiable
  static float floatValley(float[] x) {
    float f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      float a = x[i + 1] - x[i] * x[i];
      float b = 1 - x[i];
      f += 2 * a * a + b * b;
    }
    return f;
  }

  /**
   * A fused float loop whose adjoint sums mix float shares with Math's double ones (each pass's sum
   * is narrowed once, where it is written).
   */
  @Differentiable
  static float floatWaves(float[] x) {
    float f = 0;
    for (int i = 1; i < x.length; i++) {
      float d = x[i] - x[i - 1];
      f += d * 3 * d + (float) Math.sin(d);
    }
    return f;
  }

  /** {@link #floatWaves} in double. */
  @Differentiable
  static double waves(double[] x) {
    double f = 0;
    for (int i = 1; i < x.length; i++) {
      double d = x[i] - x[i - 1];
      f += d * 3 * d + Math.sin(d);
    }
    return f;
  }

  /** {@link #floatValley} in double. */
  @Differentiable
  static double valley(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 2 * a * a + b * b;
    }
    return f;
  }

  // ---- owned arrays, overwritten in place ----

  /**
   * An explicit Euler step written in place, x ← x + h·sin(x), three times, then Σ xᵢ·c: the
   * partials are with respect to x on entry.
   */
  @Differentiable
  static double inPlaceSteps(@Owned double[] x, double c) {
    for (int step = 0; step < 3; step++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = x[i] + 0.3 * Math.sin(x[i]) * c;
      }
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * c;
    }
    return s;
  }

  /** In-place prefix sums through an alias, then a weighted sum of squares. */
  @Differentiable
  static double inPlacePrefixSums(@Owned double[] x) {
    double[] y = x;
    for (int i = 1; i < y.length; i++) {
      y[i] += y[i - 1];
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i] / (i + 1);
    }
    return s;
  }

  /** In-place float scaling by the first element. */
  @Differentiable
  static float floatInPlaceScale(@Owned float[] x) {
    float first = x[0];
    for (int i = 1; i < x.length; i++) {
      x[i] = x[i] * first;
    }
    float s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
    }
    return s;
  }

  /** {@link #floatInPlaceScale} in double, without writing its input. */
  @Differentiable
  static double inPlaceScaleReference(double[] x) {
    double s = x[0];
    for (int i = 1; i < x.length; i++) {
      s += x[i] * x[0];
    }
    return s;
  }

  // ---- float ----

  @Differentiable
  static float floatDot(float[] x, float[] y) {
    float s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  @Differentiable
  static float floatLogSumExp(float[] z) {
    float m = z[0];
    for (float e : z) {
      m = Math.max(m, e);
    }
    float s = 0;
    for (float e : z) {
      s += (float) Math.exp(e - m);
    }
    return m + (float) Math.log(s);
  }

  @Differentiable
  static float floatHorner(float[] c, float t) {
    float p = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      p = p * t + c[i];
    }
    return p;
  }

  /** Running products in a local float array, with a while loop. */
  @Differentiable
  static float floatRunningProducts(float[] x) {
    float[] prefix = new float[x.length];
    float p = 1;
    int i = 0;
    while (i < x.length) {
      p *= x[i];
      prefix[i] = p;
      i++;
    }
    float s = 0;
    for (float e : prefix) {
      s += e;
    }
    return s;
  }
}
