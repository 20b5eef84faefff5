package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a top-level loop that adds into the returned value may be fused, its reverse passes run
 * inside the forward loop, each right after the pass it undoes: the conditions {@link LoopPlanner}
 * checks, a pure function of the loop and what is planned around it.
 */
final class FusedLoops {
  private FusedLoops() {}

  /**
   * The fusion of {@code loop}, whose passes add into the method's {@code result}, if it qualifies
   * (see {@link LoopPlanner}'s planFusion for the conditions).
   *
   * @param plan the loop's recomputation plan (its suffix), null if it has none
   * @param needed the variables the reverse sweep reads
   */
  static Optional<LoopPlan.Fusion> fusion(
      Node.While loop,
      Value.Var result,
      Recomputation.Plan plan,
      Activity activity,
      UseCounts uses,
      Set<Value.Var> needed) {
    if (plan == null || LoopPlan.hasActive(activity, loop.condition())) {
      return Optional.empty();
    }
    List<Node> prefix = loop.body().subList(0, plan.suffixStart());
    List<Node> suffix = loop.body().subList(plan.suffixStart(), loop.body().size());
    if (LoopPlan.hasActive(activity, suffix) || !straightLine(prefix)) {
      return Optional.empty();
    }
    // the accumulator: result = t (a copy at the prefix's top level), t = result ± e
    Node.Apply step = null;
    Node.Copy carry = null;
    for (int j = 1; j < prefix.size(); j++) {
      if (prefix.get(j) instanceof Node.Copy copy
          && copy.targetVar().equals(result)
          && prefix.get(j - 1) instanceof Node.Apply apply
          && apply.targetVar().equals(copy.source())) {
        step = apply;
        carry = copy;
      }
    }
    if (step == null || !accumulates(step, result)) {
      return Optional.empty();
    }
    Map<Value.Var, Integer> reads = new HashMap<>();
    loop.condition().forEach(n -> UseCounts.countReads(n, reads));
    loop.body().forEach(n -> UseCounts.countReads(n, reads));
    if (reads.getOrDefault(result, 0) != 1 || reads.getOrDefault(step.targetVar(), 0) != 1) {
      return Optional.empty();
    }
    Map<Value.Var, Integer> definitions = new HashMap<>();
    prefix.forEach(n -> UseCounts.countDefinitions(n, definitions));
    Map<Value.Var, Integer> onAPath = definitionsOnAPath(prefix);
    for (Value.Var v : definitions.keySet()) {
      // defined once in each pass (an if/else may define it in both arms) and nowhere else
      boolean once =
          onAPath.getOrDefault(v, 0) == 1
              && Integer.valueOf(uses.definitionsOf(v)).equals(definitions.get(v));
      boolean unread = !activity.isActive(v) && !needed.contains(v);
      if (!once && !unread && !v.equals(result)) {
        return Optional.empty();
      }
    }
    // the carry was found in the prefix above: only the result's other definitions can disqualify
    if (definitions.getOrDefault(result, 0) != 1) {
      return Optional.empty();
    }
    return Optional.of(new LoopPlan.Fusion(loop, result, step, carry));
  }

  /** For each variable, the most definitions of it one run of {@code nodes} can execute. */
  private static Map<Value.Var, Integer> definitionsOnAPath(List<Node> nodes) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    for (Node node : nodes) {
      node.target().ifPresent(v -> counts.merge(v, 1, Integer::sum));
      if (node instanceof Node.If branch) {
        Map<Value.Var, Integer> arms = new HashMap<>(definitionsOnAPath(branch.thenBranch()));
        definitionsOnAPath(branch.elseBranch()).forEach((v, c) -> arms.merge(v, c, Math::max));
        arms.forEach((v, c) -> counts.merge(v, c, Integer::sum));
      }
    }
    return counts;
  }

  private static boolean accumulates(Node.Apply step, Value.Var result) {
    List<Value> args = step.args();
    return switch (step.op()) {
      case ADD -> args.get(0).equals(result) != args.get(1).equals(result);
      case SUBTRACT -> args.get(0).equals(result) && !args.get(1).equals(result);
      default -> false;
    };
  }

  private static boolean straightLine(List<Node> nodes) {
    for (Node node : nodes) {
      boolean ok =
          switch (node) {
            case Node.If branch ->
                straightLine(branch.thenBranch()) && straightLine(branch.elseBranch());
            case Node.Copy copy -> !copy.targetVar().type().isArray();
            case Node.Apply apply -> true;
            case Node.Convert convert -> true;
            case Node.Operate operate -> true;
            case Node.Detach detach -> true;
            case Node.ArrayLoad load -> true;
            case Node.ArrayLength length -> true;
            case Node.CallWithDerivative call -> true;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
