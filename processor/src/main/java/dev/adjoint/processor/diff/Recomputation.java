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
import java.util.function.Predicate;

/**
 * Decides which values of a loop body the reverse sweep recomputes instead of taking them off the
 * tape: recomputing {@code a = x[i + 1] - x[i] * x[i]} from {@code x} and {@code i} costs a few
 * arithmetic operations, storing it a push and a pop per pass.
 *
 * <p>The body is split into a prefix and a <em>suffix</em> of integer and boolean updates (the loop
 * counter's {@code i++}). The reverse pass first undoes the suffix, then takes back the values of
 * the hoisted statements ({@link RestoreHoisting}), then re-runs the recomputed statements, in
 * order, then undoes the prefix. At that point a variable holds its value during the pass when the
 * loop never changes it, when only the suffix defines it, or when every definition of it in the
 * prefix after the statement reading it is hoisted and none before is (and the reverse sweep reads
 * it, so that the forward sweep keeps it). A prefix statement is recomputable if it is pure,
 * defined once in the method, not read before it in the body (which would carry a value between
 * passes), and reads only constants, such variables, unchanged arrays, and other recomputable
 * values. So only what no earlier value of the pass determines is stored: for {@code x =
 * r*x*(1-x)}, one {@code x} per pass.
 */
final class Recomputation {
  /**
   * What the reverse sweep does for one loop.
   *
   * @param suffixStart the index of the first statement of the body's suffix
   * @param block the statements to re-run, in order, once the suffix is undone
   * @param recomputed the variables they define, which the forward sweep need not store
   * @param hoisted the statements whose overwritten values the reverse pass pops before the
   *     recomputation rather than where it undoes them, in the order it pops them (last first)
   */
  record Plan(int suffixStart, List<Node> block, Set<Value.Var> recomputed, List<Node> hoisted) {
    Plan {
      block = List.copyOf(block);
      recomputed = Set.copyOf(recomputed);
      hoisted = List.copyOf(hoisted);
    }
  }

  private Recomputation() {}

  /**
   * @param needed the variables the reverse sweep reads
   * @param writtenArrays the arrays some statement of the method stores into
   * @param definitionsInMethod how often each variable is defined in the whole method: a value
   *     defined elsewhere too (a variable an enclosing loop carries) must be restored, not
   *     recomputed
   * @param readsOwnResult whether a statement's reverse reads the value it defines
   * @param forbiddenHoists statements whose restore must stay where the pass undoes them
   */
  static Plan plan(
      Node.While loop,
      Set<Value.Var> needed,
      Set<Value.Var> writtenArrays,
      Map<Value.Var, Integer> definitionsInMethod,
      Predicate<Node> readsOwnResult,
      Set<Node> forbiddenHoists) {
    List<Node> body = loop.body();
    int suffixStart = body.size();
    while (suffixStart > 0 && isCounterUpdate(body.get(suffixStart - 1))) {
      suffixStart--;
    }
    Map<Value.Var, Integer> definitions = new HashMap<>();
    countDefinitions(loop.condition(), definitions);
    countDefinitions(body, definitions);
    Set<Value.Var> definedInCondition = new HashSet<>();
    loop.condition().forEach(n -> collectTargets(n, definedInCondition));
    // for each variable, the positions of the prefix statements defining it (blocks included)
    Map<Value.Var, List<Integer>> prefixSites = new HashMap<>();
    for (int j = 0; j < suffixStart; j++) {
      Set<Value.Var> targets = new HashSet<>();
      collectTargets(body.get(j), targets);
      for (Value.Var v : targets) {
        prefixSites.computeIfAbsent(v, k -> new ArrayList<>()).add(j);
      }
    }
    Set<Node> hoistable =
        RestoreHoisting.hoistable(body, suffixStart, definitions, readsOwnResult, forbiddenHoists);

    Map<Value.Var, Node> recomputable = new HashMap<>();
    Set<Value.Var> definedSoFar = new HashSet<>();
    for (int j = 0; j < suffixStart; j++) {
      Node node = body.get(j);
      Value.Var target = node.target().orElse(null);
      int at = j;
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
                              || heldDuringPass(
                                  var,
                                  at,
                                  body,
                                  prefixSites,
                                  definedInCondition,
                                  hoistable,
                                  needed));
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
    return new Plan(suffixStart, block, wanted, RestoreHoisting.chosen(body, hoistable, block));
  }

  /**
   * Whether loop variable {@code var}, read by the prefix statement at {@code reader}, holds the
   * value it had there once the reverse pass has undone the suffix and popped the hoisted values:
   * it is a scalar the reverse sweep reads (so the forward sweep keeps its old values), the
   * condition does not define it, and of its definitions in the prefix those after the reader are
   * hoisted and those before are not (a definition only in the suffix is undone with it).
   */
  private static boolean heldDuringPass(
      Value.Var var,
      int reader,
      List<Node> body,
      Map<Value.Var, List<Integer>> prefixSites,
      Set<Value.Var> definedInCondition,
      Set<Node> hoistable,
      Set<Value.Var> needed) {
    if (var.type().isArray() || definedInCondition.contains(var)) {
      return false;
    }
    List<Integer> sites = prefixSites.getOrDefault(var, List.of());
    if (!sites.isEmpty() && !needed.contains(var)) {
      return false; // recomputing would make the sweep store var instead: no fewer pushes
    }
    for (int d : sites) {
      boolean hoisted = hoistable.contains(body.get(d));
      if (d == reader || d > reader && !hoisted || d < reader && hoisted) {
        return false;
      }
    }
    return true;
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
