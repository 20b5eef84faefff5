package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the sweeps need to know about loops before writing them, computed by {@link LoopPlanner}:
 * which values the reverse sweep reads, which of those a loop overwrites (and so must be stored,
 * recomputed or undone), which counter steps are undone by arithmetic, and which loop, if any, runs
 * its reverse passes inside the forward loop.
 *
 * @param activity the method's activity
 * @param uses how often each variable is defined and read in the whole method
 * @param needed the variables the reverse sweep reads
 * @param definedInLoops the variables a loop (not a fused one) redefines
 * @param recomputations for each loop, what its reverse passes recompute rather than store
 * @param steps invertible counter steps, by the node that assigns the counter
 * @param fusion the fused loop, if any
 */
record LoopPlan(
    Activity activity,
    UseCounts uses,
    Set<Value.Var> needed,
    Set<Value.Var> definedInLoops,
    Map<Node.While, Recomputation.Plan> recomputations,
    Map<Node, CounterStep> steps,
    Optional<Fusion> fusion) {

  /**
   * A top-level loop whose reverse passes each run right after the forward pass they undo (see
   * {@link LoopPlanner}).
   *
   * @param loop the loop
   * @param result the returned accumulator whose adjoint the passes carry: the seed throughout
   * @param step the accumulation {@code t = r ± e}
   * @param carry its carry {@code r = t}: undoing both leaves {@code dr} the seed, so the reverse
   *     pass writes neither, and hands the seed on to {@code dt}
   */
  record Fusion(Node.While loop, Value.Var result, Node.Apply step, Node.Copy carry) {}

  /** Whether {@code loop} is the fused loop. */
  boolean isFused(Node.While loop) {
    return fusion.isPresent() && fusion.get().loop() == loop;
  }

  /** Whether the forward sweep must push {@code v}'s old value before redefining it. */
  boolean saved(Value.Var v) {
    return definedInLoops.contains(v) && needed.contains(v) && !recomputed(v);
  }

  private boolean recomputed(Value.Var v) {
    for (Recomputation.Plan plan : recomputations.values()) {
      if (plan.recomputed().contains(v)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the reverse pass takes back {@code node}'s overwritten value at its start. */
  boolean hoisted(Node node) {
    for (Recomputation.Plan plan : recomputations.values()) {
      if (plan.hoisted().contains(node)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The hoisted statements whose early pop would take a value another statement pushed later: a
   * statement after them in the prefix, not hoisted, that pushes (see {@link RestoreHoisting}).
   */
  Set<Node> misorderedHoists() {
    Set<Node> misordered = new HashSet<>();
    for (Map.Entry<Node.While, Recomputation.Plan> e : recomputations.entrySet()) {
      List<Node> hoisted = e.getValue().hoisted();
      if (hoisted.isEmpty()) {
        continue;
      }
      List<Node> body = e.getKey().body();
      int first = body.indexOf(hoisted.get(hoisted.size() - 1));
      for (int j = first + 1; j < e.getValue().suffixStart(); j++) {
        Node node = body.get(j);
        boolean pushes =
            node.target().filter(this::saved).isPresent() && !steps.containsKey(node)
                || keepsAdjointArray(node);
        if (!hoisted.contains(node) && pushes) {
          for (int k = first; k < j; k++) {
            if (hoisted.contains(body.get(k))) {
              misordered.add(body.get(k));
            }
          }
        }
      }
    }
    return misordered;
  }

  /**
   * Whether {@code loop}'s sweeps push and pop its doubles through a {@link TapeCursor}: it is not
   * fused, calls no differentiable method (whose adjoint would use the tape itself), holds no inner
   * loop, and keeps some {@code double} or {@code float} on the tape.
   */
  boolean keepsDoublesLocally(Node.While loop) {
    return !isFused(loop)
        && leaf(loop.condition())
        && leaf(loop.body())
        && pushesDoubles(loop.body());
  }

  private static boolean leaf(List<Node> nodes) {
    for (Node node : nodes) {
      boolean leaf =
          switch (node) {
            case Node.If branch -> leaf(branch.thenBranch()) && leaf(branch.elseBranch());
            case Node.While loop -> false;
            case Node.CallDifferentiable call -> false;
            default -> true;
          };
      if (!leaf) {
        return false;
      }
    }
    return true;
  }

  private boolean pushesDoubles(List<Node> nodes) {
    for (Node node : nodes) {
      boolean pushes =
          switch (node) {
            case Node.If branch ->
                pushesDoubles(branch.thenBranch()) || pushesDoubles(branch.elseBranch());
            default ->
                node.target()
                    .filter(this::saved)
                    .filter(v -> TapeCursor.carries(v.type(), false))
                    .isPresent();
          };
      if (pushes) {
        return true;
      }
    }
    return false;
  }

  /** Whether anything in {@code nodes} (blocks inside included) is active. */
  boolean hasActive(List<Node> nodes) {
    return hasActive(activity, nodes);
  }

  static boolean hasActive(Activity activity, List<Node> nodes) {
    for (Node node : nodes) {
      boolean active =
          switch (node) {
            case Node.If branch ->
                hasActive(activity, branch.thenBranch())
                    || hasActive(activity, branch.elseBranch());
            case Node.While loop -> hasActive(activity, loop.body());
            case Node.ArrayStore store -> activity.isActive(store.array());
            default -> node.target().map(activity::isActive).orElse(false);
          };
      if (active) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the forward sweep pushes anything on the tape while running {@code nodes} in a loop. A
   * loop that does is run backwards even with nothing active inside, to pop what it pushed and
   * restore the values it overwrote (an index an enclosing loop's active code reads, say).
   */
  boolean overwritesSaved(List<Node> nodes) {
    for (Node node : nodes) {
      boolean pushes =
          switch (node) {
            case Node.If branch ->
                overwritesSaved(branch.thenBranch()) || overwritesSaved(branch.elseBranch());
            case Node.While loop -> overwritesSaved(loop.body());
            case Node.CallDifferentiable call ->
                saved(call.result()) || node.target().map(this::saved).orElse(false);
            default -> node.target().map(this::saved).orElse(false) || keepsAdjointArray(node);
          };
      if (pushes) {
        return true;
      }
    }
    return false;
  }

  /** An array copy (an alias) whose adjoint is an alias too. */
  boolean isActiveArray(Node.Copy copy) {
    return copy.targetVar().type().isArray() && activity.isActive(copy.targetVar());
  }

  /** A row read from an active two-dimensional array: an alias, whose adjoint is an alias too. */
  boolean isActiveRow(Node.ArrayLoad load) {
    return load.targetVar().type().isArray() && activity.isActive(load.targetVar());
  }

  /**
   * Whether {@code node} sets an active array's adjoint inside a loop: the forward sweep pushes the
   * adjoint array it replaces, the reverse sweep pops it back.
   */
  boolean keepsAdjointArray(Node node) {
    boolean setsAdjoint =
        switch (node) {
          case Node.NewArray array -> activity.isActive(array.targetVar());
          case Node.Copy copy -> isActiveArray(copy);
          case Node.ArrayLoad load -> isActiveRow(load);
          default -> false;
        };
    return setsAdjoint && definedInLoops.contains(node.target().orElseThrow());
  }

  /**
   * Variables defined once in the whole method, at the top level of this body, before any read of
   * them in it: only this pass contributes to their adjoints. A variable the loop carries out (a
   * source variable assigned in the loop, also defined before it) gets contributions from after the
   * loop too, so it is not one.
   */
  Set<Value.Var> passLocalCandidates(List<Node> body) {
    Set<Value.Var> candidates = new HashSet<>();
    Set<Value.Var> read = new HashSet<>();
    Map<Value.Var, Integer> definitions = new HashMap<>();
    for (Node node : body) {
      collectReads(node, read);
      UseCounts.countDefinitions(node, definitions);
      node.target().filter(v -> !read.contains(v)).ifPresent(candidates::add);
    }
    candidates.removeIf(v -> definitions.getOrDefault(v, 0) != 1 || uses.definitionsOf(v) != 1);
    return candidates;
  }

  private static void collectReads(Node node, Set<Value.Var> read) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    UseCounts.countReads(node, counts);
    read.addAll(counts.keySet());
  }
}
