package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.Engine;

/**
 * The dynamic tape's entry points on a tensor: marking a leaf, clearing its gradient, and {@code
 * backward}, which walks the recorded operations back to accumulate gradients into the leaves.
 *
 * <p>Part of {@link Tensor}'s API, split by kind of operation; only {@link Tensor} implements it.
 */
public sealed interface TensorGradients permits Tensor {
  /**
   * Marks this leaf as a parameter whose gradient {@link Tensor#backward()} accumulates into {@link
   * Tensor#grad()} (PyTorch's {@code requires_grad_}). Returns this tensor.
   */
  default Tensor requiresGrad(boolean requiresGrad) {
    Engine.setRequiresGrad(self(), requiresGrad);
    return self();
  }

  /** Sets the accumulated gradient to zero in place (no-op if there is none). */
  default void zeroGrad() {
    Tensor g = self().grad();
    if (g != null) {
      g.zeroInPlace();
    }
  }

  /** Whether this tensor was not computed by a recorded operation. */
  default boolean isLeaf() {
    return self().gradFn() == null;
  }

  /** Backpropagates from this one-element tensor with seed 1, then frees the graph. */
  default void backward() {
    Engine.backward(self(), null, false);
  }

  /**
   * The vector-Jacobian product: backpropagates {@code seed} (same shape as this tensor), adding
   * Jᵀ·seed into every leaf's gradient, then frees the graph.
   */
  default void backward(Tensor seed) {
    Engine.backward(self(), seed, false);
  }

  /**
   * As {@link Tensor#backward(Tensor)}; with {@code retainGraph} the saved values are kept so that
   * the graph can be walked again. {@code seed} may be {@code null} for a one-element tensor.
   */
  default void backward(Tensor seed, boolean retainGraph) {
    Engine.backward(self(), seed, retainGraph);
  }

  private Tensor self() {
    return (Tensor) this;
  }
}
