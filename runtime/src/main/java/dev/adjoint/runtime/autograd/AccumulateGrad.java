package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The end of the tape at a leaf that requires grad: adds the incoming gradient into the leaf's
 * {@code grad()} (gradients accumulate across backward calls until zeroed). The first gradient is
 * taken over when backward computed it and nothing else can hold it (see {@link #adoptable}), else
 * copied, so the leaf never aliases a value of the graph or the caller's seed; later ones are added
 * in place.
 */
public final class AccumulateGrad extends Node {
  private static final Node[] NONE = new Node[0];
  private final Tensor leaf;

  /**
   * {@link Storage#lastSerial()} when the running backward started (set by {@link Engine}):
   * storages with a larger serial were computed by it. Never adopt outside a backward.
   */
  long freshAfter = Long.MAX_VALUE;

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
    AutogradMeta meta = leaf.autogradMeta();
    if (meta.grad() == null && adoptable(g, leaf, freshAfter)) {
      meta.setGrad(g);
    } else {
      into(leaf, g);
    }
    return NONE_TENSORS;
  }

  /**
   * Adds {@code g} into {@code leaf.grad()}: a copy the first time, in place afterwards (what
   * generated adjoints use for a gradient they cannot hand over; see {@code Adjoints}).
   */
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

  /**
   * Whether the first gradient can become the leaf's {@code grad()} as it is, without a copy (as
   * PyTorch steals a gradient nothing else holds): it was computed by the running backward (its
   * storage is newer than {@code freshAfter}, so neither the user nor a saved value can hold it;
   * backward never writes into a gradient in flight), it covers its whole storage in order with the
   * leaf's shape and type, and no other leaf has taken that storage. The tape's backward and
   * generated adjoints ({@link Adjoints#accumulateGrads}) decide it here alike. For the MLP step
   * this saves copying (and allocating) W1's 1.6 MB gradient every step.
   */
  static boolean adoptable(Tensor g, Tensor leaf, long freshAfter) {
    Storage s = g.storage();
    return s.serial() > freshAfter
        && g.dtype() == leaf.dtype()
        && Arrays.equals(g.shape(), leaf.shape())
        && !g.isWrappedNumber()
        && g.autogradMetaOrNull() == null
        && g.offset() == 0
        && g.numel() == s.size()
        && g.isContiguous()
        && s.adopt();
  }

  private static final Tensor[] NONE_TENSORS = new Tensor[0];
}
