package dev.adjoint.examples.custom;

import dev.adjoint.runtime.autograd.CustomFunction;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * A soft clip to {@code (−limit, limit)}, {@code y = limit·tanh(x/limit)}: a custom function with a
 * number parameter whose backward reads the saved result, {@code dy/dx = 1 − (y/limit)²}.
 */
public final class SoftClip extends CustomFunction {
  /** The function; generated adjoints call it through this field. */
  public static final SoftClip SOFT_CLIP = new SoftClip();

  private SoftClip() {}

  /** {@code limit·tanh(x/limit)}. */
  public Tensor forward(Tensor x, double limit) {
    return x.div(limit).tanh().mul(limit);
  }

  /** {@code grad·(1 − (y/limit)²)}, from the saved result y. */
  public Tensor backward(Tensor grad, Tensor x, double limit, Tensor result) {
    Tensor r = result.div(limit);
    return grad.mul(r.mul(r).neg().add(1));
  }
}
