package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Activation functions as {@code @Differentiable} tensor methods of their own class: a model of
 * this package that calls one ({@link TwoTowers}) gets it differentiated where it is called, as if
 * the body were written there.
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
