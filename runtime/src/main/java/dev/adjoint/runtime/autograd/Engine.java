package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs backward: walks the graph from the output's node once to count, for every node, how many
 * consumers will send it a gradient, then processes nodes in that dependency order (Kahn's
 * algorithm), so each node runs exactly once, after all its gradient has arrived. Gradients in
 * flight live in the nodes themselves (no maps); the walk itself is not recorded; without
 * retainGraph each node frees its saved values as soon as it has run.
 *
 * <p>Like recording (see {@link GradMode}), a backward belongs to one thread: two threads may run
 * backward at once on separate graphs, not on one shared graph.
 */
public final class Engine {
  private static final AtomicLong WALKS = new AtomicLong();

  private Engine() {}

  /** Implements {@link Tensor#requiresGrad(boolean)}. */
  public static void setRequiresGrad(Tensor t, boolean requiresGrad) {
    if (t.gradFn() != null) {
      throw new IllegalStateException(
          "requiresGrad: only leaves can change requiresGrad; this tensor was computed by "
              + t.gradFn().name()
              + " (use detach() to get a leaf)");
    }
    if (requiresGrad && !t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "requiresGrad: only floating-point tensors can require gradients, not "
              + t.dtype().displayName());
    }
    if (requiresGrad || t.autogradMetaOrNull() != null) {
      t.autogradMeta().setRequiresGrad(requiresGrad);
    }
  }

  /** Implements {@link Tensor#backward(Tensor, boolean)}. */
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public static void backward(Tensor root, Tensor seed, boolean retainGraph) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException(
          "backward: the tensor does not require grad and has no gradFn: nothing that requires"
              + " grad was used to compute it (or it was computed under GradMode.noGrad())");
    }
    // storages made from here on are this backward's own (an implied seed included)
    long fresh = Storage.lastSerial();
    Tensor g = checkSeed(root, seed);
    try (GradMode.Scope scope = GradMode.noGrad()) {
      Node start = root.gradFn();
      if (start == null) {
        AccumulateGrad acc = root.autogradMeta().accumulator(root);
        acc.freshAfter = fresh;
        try {
          acc.apply(g);
        } finally {
          acc.freshAfter = Long.MAX_VALUE;
        }
        return;
      }
      run(start, g, retainGraph, fresh);
    }
  }

  static Tensor checkSeed(Tensor root, Tensor seed) {
    if (seed == null) {
      if (root.numel() != 1) {
        throw new IllegalArgumentException(
            "backward: a seed can be implied only for a one-element output; this output has shape "
                + Shape.format(root.shape())
                + ": pass backward(seed) with a seed of that shape (the vector of the"
                + " vector-Jacobian product)");
      }
      return Tensor.full(root.device(), root.dtype(), 1, root.shape());
    }
    if (!Arrays.equals(seed.shape(), root.shape())) {
      throw new IllegalArgumentException(
          "backward: seed of shape "
              + Shape.format(seed.shape())
              + " does not match the output's shape "
              + Shape.format(root.shape()));
    }
    return seed.dtype() == root.dtype() ? seed : Backends.current().copy(seed, root.dtype());
  }

  private static void run(Node start, Tensor seed, boolean retainGraph, long fresh) {
    long walk = WALKS.incrementAndGet();
    ArrayList<Node> reached = new ArrayList<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    start.visit = walk;
    start.dependencies = 0;
    stack.push(start);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      reached.add(n);
      if (n instanceof AccumulateGrad acc) {
        acc.freshAfter = fresh;
      }
      for (Node child : n.next) {
        if (child == null) {
          continue;
        }
        if (child.visit != walk) {
          child.visit = walk;
          child.dependencies = 0;
          stack.push(child);
        }
        child.dependencies++;
      }
    }
    try {
      start.pending = seed;
      ArrayDeque<Node> ready = stack;
      ready.push(start);
      while (!ready.isEmpty()) {
        Node n = ready.pop();
        Tensor g = n.pending;
        n.pending = null;
        Tensor[] grads = g == null ? null : n.apply(g);
        AnomalyMode.computed(n, grads);
        if (!retainGraph) {
          n.release();
        }
        for (int i = 0; i < n.next.length; i++) {
          Node child = n.next[i];
          if (child == null) {
            continue;
          }
          Tensor gi = grads == null ? null : grads[i];
          if (gi != null) {
            child.pending = child.pending == null ? gi : child.pending.add(gi);
          }
          if (--child.dependencies == 0) {
            ready.push(child);
          }
        }
      }
    } finally {
      for (Node n : reached) {
        n.pending = null;
        if (n instanceof AccumulateGrad acc) {
          acc.freshAfter = Long.MAX_VALUE;
        }
      }
    }
  }
}
