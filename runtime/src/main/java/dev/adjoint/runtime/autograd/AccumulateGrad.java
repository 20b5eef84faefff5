package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The end of the tape at a leaf that requires grad: adds the incoming gradient into the leaf's
 * {@code grad()} (gradients accumulate across backward calls until zeroed). The first gradient is
 * copied, so the leaf never aliases a value of the graph; later ones are added in place.
 */
public final class AccumulateGrad extends Node {
  private static final Node[] NONE = new Node[0];
  private final Tensor leaf;

  AccumulateGrad(Tensor leaf) {
    super("AccumulateGrad", NONE);
    this.leaf = leaf;
  }

  /** The leaf this node accumulates into. */
  public Tensor variable() {
    return leaf;
  }

  @Override
  Tensor[] apply(Tensor g) {
    into(leaf, g);
    return NONE_TENSORS;
  }

  /** Adds {@code g} into {@code leaf.grad()}: a copy the first time, in place afterwards. */
  static void into(Tensor leaf, Tensor g) {
    if (!Arrays.equals(g.shape(), leaf.shape())) {
      throw new IllegalStateException(
          "AccumulateGrad: gradient of shape "
              + Shape.format(g.shape())
              + " for a leaf of shape "
              + Shape.format(leaf.shape()));
    }
    AutogradMeta meta = leaf.autogradMeta();
    Tensor grad = meta.grad();
    if (grad == null) {
      meta.setGrad(Backends.current().copy(g, leaf.dtype()));
    } else {
      Backends.current().addScaledInPlace(grad, g, 1);
      grad.storage().bumpVersion();
    }
  }

  private static final Tensor[] NONE_TENSORS = new Tensor[0];
}
