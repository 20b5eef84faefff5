package dev.adjoint.runtime.optim;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients, PyTorch-style: call {@link #zeroGrad()}, run
 * forward and backward, then {@link #step()}. Steps run with recording off and change the
 * parameters in place; parameters without a gradient are skipped.
 */
public abstract class Optimizer {
  protected final List<Tensor> params;

  protected Optimizer(List<Tensor> params) {
    this.params = List.copyOf(params);
    for (Tensor p : this.params) {
      if (!p.isLeaf() || !p.requiresGrad()) {
        throw new IllegalArgumentException(
            getClass().getSimpleName() + ": parameters must be leaves that require grad");
      }
      if (!p.isContiguous()) {
        throw new IllegalArgumentException(
            getClass().getSimpleName() + ": parameters must be contiguous");
      }
    }
  }

  /** Applies one update to every parameter that has a gradient. */
  public abstract void step();

  /** Drops every parameter's gradient (PyTorch's default {@code set_to_none=True}). */
  public void zeroGrad() {
    for (Tensor p : params) {
      p.setGrad(null);
    }
  }

  public List<Tensor> parameters() {
    return params;
  }
}
