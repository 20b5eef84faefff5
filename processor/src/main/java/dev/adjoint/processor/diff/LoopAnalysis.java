package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sweeps need to know about loops before writing them: which values the reverse sweep
 * reads, which of those a loop overwrites (and so must be stored, recomputed or undone), and which
 * adjoints a pass sets afresh.
 */
abstract class LoopAnalysis extends SweepContext {
  LoopAnalysis(IrFunction function, Activity activity, Names names, String ownGradientClass) {
    super(function, activity, names, ownGradientClass);
  }

  final Set<Value.Var> needed = new HashSet<>();

  final Set<Value.Var> definedInLoops = new HashSet<>();

  final Map<Node.While, String> tripCounts = new LinkedHashMap<>();

  final Map<Node.While, Recomputation.Plan> plans = new LinkedHashMap<>();

  final Set<Value.Var> recomputed = new HashSet<>();

  final Set<Value.Var> writtenArrays = new HashSet<>();

  /** Each array variable's alias class: the variables array copies connect it to. */
  private final Map<Value.Var, Set<Value.Var>> arrayAliases = new HashMap<>();

  /**
   * Integer steps {@code i = i + c} (two nodes: {@code t = i + c; i = t}) inside loops, undone by
   * {@code i = i - c} instead of a push and a pop.
   */
  final Map<Node, String> inverses = new HashMap<>();

  /** For each invertible step, its signed step as source ({@code 1}, {@code -2}). */
  final Map<Node, String> steps = new HashMap<>();

  /** Restores of loop counters written as a linear function of the reverse loop's own counter. */
  final Map<Node, String> linearRestores = new HashMap<>();

  /** How often each variable is defined in the whole method. */
  final Map<Value.Var, Integer> definitionsInMethod = new HashMap<>();

  /** How often each variable is read in the whole method. */
  final Map<Value.Var, Integer> readsInMethod = new HashMap<>();

  /**
   * Top-level loops whose reverse passes run inside the forward loop, each right after the pass it
   * undoes (see {@link #planFusion}).
   */
  final Set<Node.While> fused = new HashSet<>();

  /** The returned variable whose adjoint a fused loop's passes carry: it is the seed throughout. */
  Value.Var fusedResult;

  /**
   * The fused loop's accumulation {@code t = r ± e} and its carry {@code r = t}: undoing them
   * leaves {@code dr} the seed, so the reverse pass writes neither, and hands the seed on to {@code
   * dt}.
   */
  Node.Apply fusedStep;

  Node.Copy fusedCarry;

  // ---------------------------------------------------------------- what loops need

  /**
   * Finds the variables defined inside loops, and the variables the reverse sweep reads: operands
   * of active rules, indices of active array accesses, conditions of branches with active code.
   */
  void collectLoopFacts(List<Node> nodes, boolean inLoop) {
    for (Node node : nodes) {
      if (inLoop) {
        node.target().ifPresent(definedInLoops::add);
        if (node instanceof Node.CallDifferentiable call) {
          definedInLoops.add(call.result());
        }
      }
      switch (node) {
        case Node.Apply apply -> {
          if (activity.isActive(apply.targetVar())) {
            needed.addAll(readByContributions(apply));
          }
        }
        case Node.TensorApply apply -> {
          // a tensor rule may read any operand, parameter or the result: keep them all
          if (activity.isActive(apply.targetVar())) {
            apply.args().forEach(this::markNeeded);
            apply.params().forEach(this::markNeeded);
            markNeeded(apply.targetVar());
          }
        }
        case Node.ArrayLoad load -> {
          if (activity.isActive(load.targetVar()) && !load.targetVar().type().isArray()) {
            markNeeded(load.index());
          }
        }
        case Node.ArrayStore store -> {
          if (activity.isActive(store.array())) {
            markNeeded(store.index());
          }
        }
        case Node.CallDifferentiable call -> {
          if (activity.isActive(call.targetVar())) {
            markNeeded(call.result());
          }
        }
        case Node.CallWithDerivative call -> {
          if (activity.isActive(call.targetVar())) {
            call.args().forEach(this::markNeeded);
          }
        }
        case Node.If branch -> {
          // inside a loop the reverse sweep also restores values in the arm taken, so it needs
          // to know the arm even when nothing in it is active
          if (inLoop || hasActive(branch.thenBranch()) || hasActive(branch.elseBranch())) {
            markNeeded(branch.condition());
          }
          collectLoopFacts(branch.thenBranch(), inLoop);
          collectLoopFacts(branch.elseBranch(), inLoop);
        }
        case Node.While loop -> {
          // a fused loop's passes are undone before anything overwrites their values
          boolean overwrites = inLoop || !fused.contains(loop);
          collectLoopFacts(loop.condition(), overwrites);
          collectLoopFacts(loop.body(), overwrites);
        }
        default -> {}
      }
    }
  }

  /**
   * The variables the rule's contributions read, found by writing them: {@code x + y} reads neither
   * operand, {@code x * y} each the other, {@code exp x} its result.
   */
  Set<Value.Var> readByContributions(Node.Apply apply) {
    Set<Value.Var> reads = new HashSet<>();
    List<JavaExpr> args = primals(apply.args());
    JavaExpr y = JavaExpr.atom(apply.targetVar().name());
    JavaExpr g = JavaExpr.atom("\u0000"); // a name no variable has
    List<Value.Var> candidates = new ArrayList<>();
    apply
        .args()
        .forEach(
            a -> {
              if (a instanceof Value.Var v) {
                candidates.add(v);
              }
            });
    candidates.add(apply.targetVar());
    for (int i = 0; i < apply.args().size(); i++) {
      if (activity.isActive(apply.args().get(i))) {
        String code = ElementwiseRules.partial(apply.op(), adjointAlgebra, args, y, g, i).code();
        for (Value.Var v : candidates) {
          if (java.util.regex.Pattern.compile(
                  "\\b" + java.util.regex.Pattern.quote(v.name()) + "\\b")
              .matcher(code)
              .find()) {
            reads.add(v);
          }
        }
      }
    }
    return reads;
  }

  void markNeeded(Value value) {
    if (value instanceof Value.Var var) {
      needed.add(var);
    }
  }

  boolean hasActive(List<Node> nodes) {
    for (Node node : nodes) {
      boolean active =
          switch (node) {
            case Node.If branch -> hasActive(branch.thenBranch()) || hasActive(branch.elseBranch());
            case Node.While loop -> hasActive(loop.body());
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

  /** Whether the forward sweep must push {@code v}'s old value before redefining it. */
  boolean saved(Value.Var v) {
    return definedInLoops.contains(v) && needed.contains(v) && !recomputed.contains(v);
  }

  void findInvertibleSteps(List<Node> nodes) {
    for (int j = 0; j < nodes.size(); j++) {
      Node node = nodes.get(j);
      switch (node) {
        case Node.If branch -> {
          findInvertibleSteps(branch.thenBranch());
          findInvertibleSteps(branch.elseBranch());
        }
        case Node.While loop -> findInvertibleSteps(loop.body());
        case Node.Copy copy -> {
          if (j > 0
              && (copy.targetVar().type() == IrType.INT || copy.targetVar().type() == IrType.LONG)
              && nodes.get(j - 1) instanceof Node.Apply step
              && step.targetVar().equals(copy.source())
              && (step.op() == dev.adjoint.runtime.rules.ElementwiseOp.ADD
                  || step.op() == dev.adjoint.runtime.rules.ElementwiseOp.SUBTRACT)
              && step.args().get(0).equals(copy.targetVar())
              && step.args().get(1) instanceof Value.Const c
              && step.targetVar().type() == copy.targetVar().type()) {
            String inverse = step.op() == dev.adjoint.runtime.rules.ElementwiseOp.ADD ? "-" : "+";
            inverses.put(copy, copy.targetVar().name() + " " + inverse + " " + c.javaExpression());
            steps.put(copy, (inverse.equals("-") ? "" : "-") + c.javaExpression());
          }
        }
        default -> {}
      }
    }
  }

  /** Plans, for every loop with active code, what its reverse passes recompute. */
  void planRecomputation(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.ArrayStore store -> writtenArrays.add(store.array());
        case Node.Copy copy -> {
          if (copy.targetVar().type().isArray()
              && copy.source() instanceof Value.Var source
              && (reassigned(copy.targetVar()) || reassigned(source))) {
            // an array variable reassigned (buffers swapped) holds each of the arrays it is
            // copied from: a store through one writes what the others read
            Set<Value.Var> merged =
                new HashSet<>(arrayAliases.getOrDefault(source, Set.of(source)));
            merged.addAll(arrayAliases.getOrDefault(copy.targetVar(), Set.of(copy.targetVar())));
            merged.forEach(v -> arrayAliases.put(v, merged));
          }
        }
        case Node.If branch -> {
          planRecomputation(branch.thenBranch());
          planRecomputation(branch.elseBranch());
        }
        case Node.While loop -> planRecomputation(loop.body());
        default -> {}
      }
    }
    for (Value.Var written : List.copyOf(writtenArrays)) {
      writtenArrays.addAll(arrayAliases.getOrDefault(written, Set.of()));
    }
  }

  private boolean reassigned(Value.Var v) {
    return definitionsInMethod.getOrDefault(v, 0) > 1;
  }

  void planLoops(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          planLoops(branch.thenBranch());
          planLoops(branch.elseBranch());
        }
        case Node.While loop -> {
          Recomputation.Plan plan =
              Recomputation.plan(loop, needed, writtenArrays, definitionsInMethod);
          plans.put(loop, plan);
          recomputed.addAll(plan.recomputed());
          // recomputing reads what the recomputed values are computed from: the loop counter
          for (Node n : plan.block()) {
            for (Value operand : dev.adjoint.processor.analysis.ActivityAnalysis.operands(n)) {
              if (operand instanceof Value.Var var && !plan.recomputed().contains(var)) {
                needed.add(var);
              }
            }
          }
          planLoops(loop.body());
        }
        default -> {}
      }
    }
  }

  /**
   * Finds the top-level loop, if any, whose reverse passes can each run right after the forward
   * pass they undo, in the forward loop itself, instead of in a second loop running the passes
   * backwards: no tape, no trip count, no recomputation, and each pass's values still in registers.
   *
   * <p>Reverse mode undoes the passes last first because a pass's adjoints depend on the adjoints
   * the later passes leave. They do not when the only active value a pass hands to the next is an
   * accumulator {@code r = r + e} (or {@code r - e}, or {@code e + r}) that is the method's result:
   * {@code ∂(r + e)/∂r = 1}, so {@code dr} is the seed before and after every pass, and each pass's
   * contributions to the other adjoints are the same whenever they are added (their summation order
   * is not part of the contract). The loop must therefore be followed by nothing active but the
   * return of {@code r}; read {@code r} only in that one addition; keep its counter updates (the
   * body's integral suffix, see {@link Recomputation}) inactive; and define every other variable of
   * the body once in the whole method or leave it unread by the reverse sweep, so that undoing the
   * pass before the suffix and the next test run sees the values of that pass. Only straight-line
   * nodes and branches qualify: no inner loops, array stores or creations, or calls to
   * differentiable methods.
   */
  void planFusion(List<Node> body) {
    Node.Return ret = findReturn(body);
    if (!(ret.value() instanceof Value.Var result)
        || result.type().isArray()
        || !activity.isActive(result)) {
      return;
    }
    for (int j = body.size() - 1; j >= 0; j--) {
      Node node = body.get(j);
      if (node instanceof Node.While loop) {
        if (fusable(loop, result)) {
          fused.add(loop);
          fusedResult = result;
          // the loop's values are no longer overwritten before the reverse sweep reads them
          definedInLoops.clear();
          collectLoopFacts(body, false);
        }
        return;
      }
      if (!(node instanceof Node.Return) && hasActive(List.of(node))) {
        return; // active code after the loop: the result's adjoint is not yet known
      }
    }
  }

  private boolean fusable(Node.While loop, Value.Var result) {
    Recomputation.Plan plan = plans.get(loop);
    if (plan == null || hasActive(loop.condition())) {
      return false;
    }
    List<Node> prefix = loop.body().subList(0, plan.suffixStart());
    List<Node> suffix = loop.body().subList(plan.suffixStart(), loop.body().size());
    if (hasActive(suffix) || !straightLine(prefix)) {
      return false;
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
      return false;
    }
    Map<Value.Var, Integer> reads = new HashMap<>();
    loop.condition().forEach(n -> countReads(n, reads));
    loop.body().forEach(n -> countReads(n, reads));
    if (reads.getOrDefault(result, 0) != 1 || reads.getOrDefault(step.targetVar(), 0) != 1) {
      return false;
    }
    Map<Value.Var, Integer> definitions = new HashMap<>();
    prefix.forEach(n -> countDefinitions(n, definitions));
    Map<Value.Var, Integer> onAPath = definitionsOnAPath(prefix);
    for (Value.Var v : definitions.keySet()) {
      // defined once in each pass (an if/else may define it in both arms) and nowhere else
      boolean once =
          onAPath.get(v) == 1 && definitionsInMethod.getOrDefault(v, 0).equals(definitions.get(v));
      boolean unread = !activity.isActive(v) && !needed.contains(v);
      if (!once && !unread && !v.equals(result)) {
        return false;
      }
    }
    if (definitions.getOrDefault(result, 0) != 1 || !prefix.contains(carry)) {
      return false;
    }
    fusedStep = step;
    fusedCarry = carry;
    return true;
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

  static void countReads(Node node, Map<Value.Var, Integer> counts) {
    for (Value v : dev.adjoint.processor.analysis.ActivityAnalysis.operands(node)) {
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
   * Variables defined once in the whole method, at the top level of this body, before any read of
   * them in it: only this pass contributes to their adjoints. A variable the loop carries out (a
   * source variable assigned in the loop, also defined before it) gets contributions from after the
   * loop too, so it is not one.
   */
  Set<Value.Var> passLocalCandidates(List<Node> body) {
    Set<Value.Var> candidates = passLocalCandidatesIn(body);
    candidates.removeIf(v -> definitionsInMethod.getOrDefault(v, 0) != 1);
    return candidates;
  }

  static Set<Value.Var> passLocalCandidatesIn(List<Node> body) {
    Set<Value.Var> candidates = new HashSet<>();
    Set<Value.Var> read = new HashSet<>();
    Map<Value.Var, Integer> definitions = new HashMap<>();
    for (Node node : body) {
      collectReads(node, read);
      Map<Value.Var, Integer> counts = new HashMap<>();
      countDefinitions(node, counts);
      counts.forEach((v, c) -> definitions.merge(v, c, Integer::sum));
      node.target().filter(v -> !read.contains(v)).ifPresent(candidates::add);
    }
    candidates.removeIf(v -> definitions.getOrDefault(v, 0) != 1);
    return candidates;
  }

  static void collectReads(Node node, Set<Value.Var> read) {
    for (Value v : dev.adjoint.processor.analysis.ActivityAnalysis.operands(node)) {
      if (v instanceof Value.Var var) {
        read.add(var);
      }
    }
    switch (node) {
      case Node.If branch -> {
        branch.thenBranch().forEach(n -> collectReads(n, read));
        branch.elseBranch().forEach(n -> collectReads(n, read));
      }
      case Node.While loop -> {
        loop.condition().forEach(n -> collectReads(n, read));
        loop.body().forEach(n -> collectReads(n, read));
      }
      default -> {}
    }
  }

  /** Adds how often {@code node} and the blocks inside it define each variable. */
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

  static boolean definedOnceIn(Node.While loop, Value.Var var) {
    Map<Value.Var, Integer> counts = new HashMap<>();
    loop.condition().forEach(n -> countDefinitions(n, counts));
    loop.body().forEach(n -> countDefinitions(n, counts));
    return counts.getOrDefault(var, 0) == 1;
  }
}
