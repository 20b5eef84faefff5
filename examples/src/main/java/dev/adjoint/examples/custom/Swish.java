package dev.adjoint.examples.custom;

import dev.adjoint.runtime.autograd.CustomFunction;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Swish, {@code x·σ(x)}, as a custom function: one node on the tape ({@code SwishBackward}) and one
 * call of {@link #backward} in a generated adjoint, where the tape would record three operations.
 */
public final class Swish extends CustomFunction {
  /** The function; generated adjoints call it through this field. */
  public static final Swish SWISH = new Swish();

  private Swish() {}

  /** {@code x·σ(x)}. */
  public Tensor forward(Tensor x) {
    return x.mul(x.sigmoid());
  }

  /**
   * {@code d/dx x·σ(x) = σ(x) + x·σ(x)·(1 − σ(x)) = σ(x)·(1 + x·(1 − σ(x)))}; reads the saved x.
   */
  public Tensor backward(Tensor grad, Tensor x) {
    Tensor s = x.sigmoid();
    return grad.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
  }
}
