package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each variable is defined and read in a block and all blocks inside it: the def-use
 * facts the plans ask (is a value defined once, read by one statement only).
 *
 * @param definitions for each variable, how many statements assign it
 * @param reads for each variable, how many operand positions read it
 */
record UseCounts(Map<Value.Var, Integer> definitions, Map<Value.Var, Integer> reads) {
  UseCounts {
    definitions = Map.copyOf(definitions);
    reads = Map.copyOf(reads);
  }

  /** The counts of {@code nodes}, nested blocks included. */
  static UseCounts of(List<Node> nodes) {
    Map<Value.Var, Integer> definitions = new HashMap<>();
    Map<Value.Var, Integer> reads = new HashMap<>();
    nodes.forEach(n -> countDefinitions(n, definitions));
    nodes.forEach(n -> countReads(n, reads));
    return new UseCounts(definitions, reads);
  }

  int definitionsOf(Value.Var v) {
    return definitions.getOrDefault(v, 0);
  }

  int readsOf(Value.Var v) {
    return reads.getOrDefault(v, 0);
  }

  /** Adds the reads of {@code node}, and of the blocks inside it, to {@code counts}. */
  static void countReads(Node node, Map<Value.Var, Integer> counts) {
    for (Value v : ActivityAnalysis.operands(node)) {
      if (v instanceof Value.Var var) {
        counts.merge(var, 1, Integer::sum);
      }
    }
    switch (node) {
      case Node.If branch -> {
        branch.thenBranch().forEach(n -> countReads(n, counts));
        branch.elseBranch().forEach(n -> countReads(n, counts));
      }
      case Node.While loop -> {
        loop.condition().forEach(n -> countReads(n, counts));
        loop.body().forEach(n -> countReads(n, counts));
      }
      default -> {}
    }
  }

  /**
   * Adds the definitions of {@code node}, and of the blocks inside it, to {@code counts}; a call of
   * a differentiable method also defines its result record.
   */
  static void countDefinitions(Node node, Map<Value.Var, Integer> counts) {
    node.target().ifPresent(v -> counts.merge(v, 1, Integer::sum));
    if (node instanceof Node.CallDifferentiable call) {
      counts.merge(call.result(), 1, Integer::sum);
    }
    switch (node) {
      case Node.If branch -> {
        branch.thenBranch().forEach(n -> countDefinitions(n, counts));
        branch.elseBranch().forEach(n -> countDefinitions(n, counts));
      }
      case Node.While loop -> {
        loop.condition().forEach(n -> countDefinitions(n, counts));
        loop.body().forEach(n -> countDefinitions(n, counts));
      }
      default -> {}
    }
  }

  /** Whether {@code var} is assigned by exactly one statement of {@code loop}. */
  static boolean definedOnceIn(Node.While loop, Value.Var var) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    loop.condition().forEach(n -> countDefinitions(n, counts));
    loop.body().forEach(n -> countDefinitions(n, counts));
    return counts.getOrDefault(var, 0) == 1;
  }
}
