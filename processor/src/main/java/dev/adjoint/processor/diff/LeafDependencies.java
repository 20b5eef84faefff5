package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each value of a method on tensors, the tensor leaves it depends on: the reverse sweep
 * computes a contribution only when some leaf behind it requires grad (the tape skips the same
 * work).
 *
 * @param leavesOf for each value, the leaves behind it, in the order the leaves were given
 */
record LeafDependencies(Map<Value.Var, Set<Value.Var>> leavesOf) {
  /** The dependencies in {@code body} on {@code leaves}, around loops' back edges too. */
  static LeafDependencies of(List<Node> body, List<Value.Var> leaves) {
    Map<Value.Var, Set<Value.Var>> leavesOf = new HashMap<>();
    for (Value.Var leaf : leaves) {
      leavesOf.put(leaf, new LinkedHashSet<>(List.of(leaf)));
    }
    propagate(body, leavesOf);
    return new LeafDependencies(leavesOf);
  }

  /** The leaves behind {@code v}. */
  Set<Value.Var> behind(Value.Var v) {
    return leavesOf.getOrDefault(v, Set.of());
  }

  private static boolean propagate(List<Node> nodes, Map<Value.Var, Set<Value.Var>> leavesOf) {
    boolean changed = false;
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          changed |= propagate(branch.thenBranch(), leavesOf);
          changed |= propagate(branch.elseBranch(), leavesOf);
        }
        case Node.While loop -> {
          // around the back edge until nothing changes
          while (propagate(loop.condition(), leavesOf) | propagate(loop.body(), leavesOf)) {
            changed = true;
          }
        }
        default -> {
          Value.Var target = node.target().orElse(null);
          if (target == null) {
            continue;
          }
          Set<Value.Var> set = leavesOf.computeIfAbsent(target, k -> new LinkedHashSet<>());
          for (Value operand : ActivityAnalysis.operands(node)) {
            if (operand instanceof Value.Var v && leavesOf.containsKey(v) && v != target) {
              changed |= set.addAll(leavesOf.get(v));
            }
          }
        }
      }
    }
    return changed;
  }
}
