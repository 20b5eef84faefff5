package dev.adjoint.corpus;

import dev.adjoint.annotations.Differentiable;

/**
 * {@code float} functions of the corpus. Each has a {@code double} counterpart in {@link
 * CorpusEntries} that the finite differences run on, since float differences are too coarse.
 */
public final class FloatCorpus {
  private FloatCorpus() {}

  static final float TWO = 2f;

  @Differentiable
  static float polynomial(float x, float y) {
    float r = x * x * y - TWO * y + 1;
    r *= x;
    return r / (1 + y * y);
  }

  @Differentiable
  static float logistic(float x) {
    return 1 / (1 + (float) Math.exp(-x));
  }

  /** Computes in double and narrows the result: casts both ways on the gradient path. */
  @Differentiable
  static float viaDouble(float x, float y) {
    double d = x;
    double e = (double) y * d;
    return (float) (Math.sin(e) + Math.sqrt(d * d + 1));
  }

  @Differentiable
  static float mixedPrecision(float x, double y) {
    float s = (float) Math.log1p(y * y);
    return x * s + (float) (x * y);
  }

  @Differentiable
  static float absMaxMin(float x, float y) {
    return Math.abs(x) * Math.max(x, y) + Math.min(x * y, 1f);
  }

  @Differentiable
  static float softplus(float x) {
    return x > 0 ? x + (float) Math.log1p(Math.exp(-x)) : (float) Math.log1p(Math.exp(x));
  }

  /** Calls a double @Differentiable method and narrows its result. */
  @Differentiable
  static float callsDouble(float x) {
    return (float) ScalarCorpus.overloaded(x, 2 * x, x) + x;
  }

  /** Compound assignments to a float from double right-hand sides (an implicit narrowing). */
  @Differentiable
  static float compoundNarrowing(float x) {
    float r = x;
    r += Math.sin(x);
    r *= 2.5;
    return r * TWO;
  }

  /** A float parameter in a double method: its partial is a float, the value a double. */
  @Differentiable
  static double floatParameter(float x, double y) {
    return x * y + (x > 1 ? x : y);
  }
}
