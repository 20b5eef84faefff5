package dev.adjoint.examples.nn;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Activation functions as {@code @Differentiable} tensor methods of a class of their own, in a
 * package of their own: a model that calls one ({@code tensors.TwoTowers}) gets it differentiated
 * where it is called, as if the body were written there. What such a body reads must be public (the
 * generated class is in the caller's package).
 */
public final class Activations {
  private Activations() {}

  /** SiLU (swish): {@code x·σ(x)}. */
  @Differentiable
  public static Tensor swish(Tensor x) {
    Tensor gate = x.sigmoid();
    return x.mul(gate);
  }
}
