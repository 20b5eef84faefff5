package dev.adjoint.examples.scalar;

import dev.adjoint.annotations.Differentiable;

/** Activation functions, written the numerically stable way. */
public final class Activations {
  private Activations() {}

  /** {@code log(1 + eˣ)}, without overflow for large x. */
  @Differentiable
  public static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** {@code 1 / (1 + e⁻ˣ)}; its derivative is {@code σ(x)(1 - σ(x))}. */
  @Differentiable
  public static double logistic(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
