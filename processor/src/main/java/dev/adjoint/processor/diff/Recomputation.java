package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which values of a loop body the reverse sweep recomputes instead of taking them off the
 * tape: recomputing {@code a = x[i + 1] - x[i] * x[i]} from {@code x} and {@code i} costs a few
 * arithmetic operations, storing it a push and a pop per pass.
 *
 * <p>The body is split into a prefix and a <em>suffix</em> of integer and boolean updates (the loop
 * counter's {@code i++}). When the reverse sweep has undone the suffix, every variable the suffix
 * defines is back at its value during the pass; a prefix statement is then recomputable if it is
 * pure and reads only constants, values the loop never changes, variables only the suffix defines,
 * unchanged arrays, and other recomputable values. The reverse sweep re-runs those of them it
 * needs, in order, before undoing the prefix.
 */
final class Recomputation {
  /**
   * What the reverse sweep does for one loop.
   *
   * @param suffixStart the index of the first statement of the body's suffix
   * @param block the statements to re-run, in order, once the suffix is undone
   * @param recomputed the variables they define, which the forward sweep need not store
   */
  record Plan(int suffixStart, List<Node> block, Set<Value.Var> recomputed) {}

  private Recomputation() {}

  /**
   * @param needed the variables the reverse sweep reads
   * @param writtenArrays the arrays some statement of the method stores into
   * @param definitionsInMethod how often each variable is defined in the whole method: a value
   *     defined elsewhere too (a variable an enclosing loop carries) must be restored, not
   *     recomputed
   */
  static Plan plan(
      Node.While loop,
      Set<Value.Var> needed,
      Set<Value.Var> writtenArrays,
      Map<Value.Var, Integer> definitionsInMethod) {
    List<Node> body = loop.body();
    int suffixStart = body.size();
    while (suffixStart > 0 && isCounterUpdate(body.get(suffixStart - 1))) {
      suffixStart--;
    }
    Map<Value.Var, Integer> definitions = new HashMap<>();
    countDefinitions(loop.condition(), definitions);
    countDefinitions(body, definitions);
    Set<Value.Var> definedInSuffix = new HashSet<>();
    for (int j = suffixStart; j < body.size(); j++) {
      body.get(j).target().ifPresent(definedInSuffix::add);
    }
    Set<Value.Var> definedInPrefix = new HashSet<>();
    for (int j = 0; j < suffixStart; j++) {
      collectTargets(body.get(j), definedInPrefix);
    }

    Map<Value.Var, Node> recomputable = new HashMap<>();
    Set<Value.Var> definedSoFar = new HashSet<>();
    for (int j = 0; j < suffixStart; j++) {
      Node node = body.get(j);
      Value.Var target = node.target().orElse(null);
      boolean candidate =
          target != null
              && isPure(node, writtenArrays)
              && definitions.getOrDefault(target, 0) == 1
              && definitionsInMethod.getOrDefault(target, 0) == 1
              && ActivityAnalysis.operands(node).stream()
                  .allMatch(
                      v ->
                          !(v instanceof Value.Var var)
                              || !definitions.containsKey(var) // the loop never changes it
                              || recomputable.containsKey(var)
                              || definedInSuffix.contains(var) && !definedInPrefix.contains(var));
      // a variable read before its definition in the body carries a value between passes
      if (candidate && !readBefore(body, j, target) && !definedSoFar.contains(target)) {
        recomputable.put(target, node);
      }
      collectTargets(node, definedSoFar);
    }

    // what the reverse sweep reads, and what that is computed from
    Set<Value.Var> wanted = new LinkedHashSet<>();
    List<Value.Var> work = new ArrayList<>();
    for (Value.Var v : recomputable.keySet()) {
      if (needed.contains(v)) {
        work.add(v);
      }
    }
    while (!work.isEmpty()) {
      Value.Var v = work.remove(work.size() - 1);
      if (wanted.add(v)) {
        for (Value operand : ActivityAnalysis.operands(recomputable.get(v))) {
          if (operand instanceof Value.Var var && recomputable.containsKey(var)) {
            work.add(var);
          }
        }
      }
    }
    List<Node> block = new ArrayList<>();
    for (int j = 0; j < suffixStart; j++) {
      Node node = body.get(j);
      if (node.target().filter(wanted::contains).isPresent()) {
        block.add(node);
      }
    }
    return new Plan(suffixStart, block, wanted);
  }

  private static boolean isCounterUpdate(Node node) {
    boolean simple =
        node instanceof Node.Apply || node instanceof Node.Copy || node instanceof Node.Operate;
    return simple
        && node.target()
            .map(Value.Var::type)
            .filter(t -> t == IrType.INT || t == IrType.LONG || t == IrType.BOOLEAN)
            .isPresent();
  }

  private static boolean isPure(Node node, Set<Value.Var> writtenArrays) {
    return switch (node) {
      case Node.Apply apply -> true;
      case Node.Copy copy -> !copy.targetVar().type().isArray();
      case Node.Convert convert -> true;
      case Node.Operate operate -> true;
      case Node.ArrayLength length -> true;
      case Node.ArrayLoad load -> !writtenArrays.contains(load.array());
      default -> false;
    };
  }

  private static boolean readBefore(List<Node> body, int index, Value.Var var) {
    for (int j = 0; j <= index; j++) {
      if (reads(body.get(j), var)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reads(Node node, Value.Var var) {
    if (ActivityAnalysis.operands(node).contains(var)) {
      return true;
    }
    return switch (node) {
      case Node.If branch ->
          branch.thenBranch().stream().anyMatch(n -> reads(n, var))
              || branch.elseBranch().stream().anyMatch(n -> reads(n, var));
      case Node.While inner ->
          inner.condition().stream().anyMatch(n -> reads(n, var))
              || inner.body().stream().anyMatch(n -> reads(n, var));
      default -> false;
    };
  }

  private static void countDefinitions(List<Node> nodes, Map<Value.Var, Integer> counts) {
    nodes.forEach(n -> UseCounts.countDefinitions(n, counts));
  }

  private static void collectTargets(Node node, Set<Value.Var> into) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    countDefinitions(List.of(node), counts);
    into.addAll(counts.keySet());
  }
}
