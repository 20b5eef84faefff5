package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Tensor;

/**
 * What the tape knows about one tensor: whether it requires a gradient, the gradient accumulated so
 * far (leaves), the node that computed it (non-leaves), and the leaf's accumulator node. Kept apart
 * from {@link Tensor} so that tensors that never meet the tape carry nothing; only this package
 * changes it.
 */
public final class AutogradMeta {
  private boolean requiresGrad;
  private Tensor grad;
  private Node gradFn;
  private AccumulateGrad accumulator;

  public boolean requiresGrad() {
    return requiresGrad;
  }

  public Tensor grad() {
    return grad;
  }

  /** Replaces the gradient (shape already checked by the caller). */
  public void setGrad(Tensor grad) {
    this.grad = grad;
  }

  public Node gradFn() {
    return gradFn;
  }

  void setRequiresGrad(boolean requiresGrad) {
    this.requiresGrad = requiresGrad;
  }

  void setGradFn(Node gradFn) {
    this.gradFn = gradFn;
    this.requiresGrad = true;
  }

  AccumulateGrad accumulator(Tensor leaf) {
    if (accumulator == null) {
      accumulator = new AccumulateGrad(leaf);
    }
    return accumulator;
  }
}
