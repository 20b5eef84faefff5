package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One recorded operation on the tape (PyTorch's {@code grad_fn}): it knows where the gradient of
 * each of its inputs goes next (another node, a leaf's {@link AccumulateGrad}, or nowhere) and
 * keeps the values its derivative needs. {@link Engine} calls {@link #apply} once per backward and
 * then, unless the graph is retained, {@link #release}s the saved values, so a graph costs memory
 * only until its backward.
 *
 * <p>Saved values are checked against their storage's version counter when they are used, so a
 * value changed in place after it was saved is an error instead of a wrong gradient.
 */
public abstract class Node {
  private final String name;
  final Node[] next;
  private Tensor[] saved;
  private int[] savedVersions;
  private boolean released;

  /** Where the node was recorded ({@code File.java:line (method)}), kept in anomaly mode only. */
  String origin;

  // Engine bookkeeping: the gradient collected so far, the inputs not yet processed, the last walk.
  Tensor pending;
  int dependencies;
  long visit;

  Node(String name, Node[] next) {
    this.name = name;
    this.next = next;
  }

  /** The PyTorch name of this node ({@code MulBackward0}). */
  public String name() {
    return name;
  }

  /** Where the gradients of this node's inputs go, in input order ({@code null}: nowhere). */
  public List<Node> nextFunctions() {
    return Collections.unmodifiableList(Arrays.asList(next.clone()));
  }

  /** The gradients of this node's inputs given the gradient {@code g} of its output. */
  abstract Tensor[] apply(Tensor g);

  /** Keeps {@code tensors} for backward, remembering their versions. */
  final void save(Tensor... tensors) {
    save(tensors, -1);
  }

  /**
   * Keeps {@code tensors} for backward; those whose bit is set in {@code checked} are values the
   * derivative reads, whose versions are remembered; the others are kept for their shape only.
   */
  final void save(Tensor[] tensors, int checked) {
    saved = tensors;
    savedVersions = new int[tensors.length];
    for (int k = 0; k < tensors.length; k++) {
      savedVersions[k] = (checked & (1 << k)) != 0 ? tensors[k].storage().version() : -1;
    }
  }

  /** The {@code k}-th saved value, checked to be unchanged and not yet freed. */
  final Tensor saved(int k) {
    if (released) {
      throw new IllegalStateException(
          "Trying to backward through the graph a second time (or to use saved values after they"
              + " were freed): "
              + name
              + " already released what it saved. Pass retainGraph = true to the first"
              + " backward(seed, retainGraph) to walk the graph again.");
    }
    Tensor t = saved[k];
    int now = t.storage().version();
    if (savedVersions[k] >= 0 && now != savedVersions[k]) {
      throw new IllegalStateException(
          "One of the values needed for gradient computation has been modified by an in-place"
              + " operation: the "
              + t.dtype().displayName()
              + " tensor of shape "
              + Shape.format(t.shape())
              + " saved by "
              + name
              + " is at version "
              + now
              + "; expected version "
              + savedVersions[k]
              + ". Modify a copy (x.copy()) instead, or change it before it is used.");
    }
    return t;
  }

  /** Whether the saved values were freed by a backward without retainGraph. */
  public boolean isReleased() {
    return released;
  }

  /** Frees the saved values; a later backward through this node fails clearly. */
  void release() {
    if (saved != null) {
      saved = null;
      released = true;
    }
  }

  @Override
  public String toString() {
    return "<" + name + ">";
  }
}
