package dev.adjoint.processor.parse;

import dev.adjoint.processor.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The nodes of the block being built, in order: a branch's arm, a loop's body, a function. */
final class Block {
  private final List<Node> nodes = new ArrayList<>();

  /**
   * Adds {@code node}, unless the block has thrown: nothing after a {@code throw} runs (javac
   * rejects source there; what the lowering appends itself, a branch's merge copies, would be
   * unreachable code in the generated class).
   */
  void add(Node node) {
    if (!thrown()) {
      nodes.add(node);
    }
  }

  void addAll(List<Node> more) {
    more.forEach(this::add);
  }

  /** Whether the block ends in a {@code throw} (an {@code assert} may not throw). */
  boolean thrown() {
    return last().filter(n -> n instanceof Node.Throw t && t.asserted().isEmpty()).isPresent();
  }

  /** The node added last, if any. */
  Optional<Node> last() {
    return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.get(nodes.size() - 1));
  }

  /** Replaces the node added last (one that now defines another variable). */
  void replaceLast(Node node) {
    nodes.set(nodes.size() - 1, node);
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }
}
