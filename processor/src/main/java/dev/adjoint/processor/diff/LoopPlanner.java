package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the {@link LoopPlan} of a method: a pure function of its IR and activity. The planner
 * keeps its working sets while it runs and hands back an immutable plan.
 */
final class LoopPlanner {
  private final Activity activity;
  private final UseCounts uses;
  private final SourceAlgebra adjointAlgebra = SourceAlgebra.forAdjoint();
  private final Set<Value.Var> needed = new HashSet<>();
  private final Set<Value.Var> definedInLoops = new HashSet<>();
  private final Map<Node.While, Recomputation.Plan> plans = new LinkedHashMap<>();
  private final Set<Value.Var> recomputed = new HashSet<>();
  private final Set<Value.Var> writtenArrays = new HashSet<>();

  /** Each array variable's alias class: the variables array copies connect it to. */
  private final Map<Value.Var, Set<Value.Var>> arrayAliases = new HashMap<>();

  private final Map<Node, CounterStep> steps = new HashMap<>();
  private LoopPlan.Fusion fusion;

  /** Statements whose restore must not move to the start of their reverse pass. */
  private final Set<Node> forbiddenHoists;

  private LoopPlanner(Activity activity, UseCounts uses, Set<Node> forbiddenHoists) {
    this.activity = activity;
    this.uses = uses;
    this.forbiddenHoists = forbiddenHoists;
  }

  /**
   * The loop plan of a method's {@code body}. Whether a hoisted restore keeps the tape's order
   * depends on what the finished plan stores; a plan where one does not is made again without it.
   */
  static LoopPlan plan(List<Node> body, Activity activity, UseCounts uses) {
    Set<Node> forbidden = new HashSet<>();
    while (true) {
      LoopPlan plan = planOnce(body, activity, uses, Set.copyOf(forbidden));
      Set<Node> misordered = plan.misorderedHoists();
      if (misordered.isEmpty()) {
        return plan;
      }
      forbidden.addAll(misordered); // each round forbids more: the loop ends
    }
  }

  private static LoopPlan planOnce(
      List<Node> body, Activity activity, UseCounts uses, Set<Node> forbiddenHoists) {
    LoopPlanner planner = new LoopPlanner(activity, uses, forbiddenHoists);
    planner.collectLoopFacts(body, false);
    planner.planRecomputation(body);
    planner.planLoops(body);
    planner.findInvertibleSteps(body);
    planner.planFusion(body);
    return new LoopPlan(
        activity,
        uses,
        Set.copyOf(planner.needed),
        Set.copyOf(planner.definedInLoops),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(planner.plans)),
        Map.copyOf(planner.steps),
        Optional.ofNullable(planner.fusion));
  }

  private boolean hasActive(List<Node> nodes) {
    return LoopPlan.hasActive(activity, nodes);
  }

  /**
   * Finds the variables defined inside loops, and the variables the reverse sweep reads: operands
   * of active rules, indices of active array accesses, conditions of branches with active code.
   */
  private void collectLoopFacts(List<Node> nodes, boolean inLoop) {
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
          boolean overwrites = inLoop || fusion == null || fusion.loop() != loop;
          collectLoopFacts(loop.condition(), overwrites);
          collectLoopFacts(loop.body(), overwrites);
        }
        default -> {}
      }
    }
  }

  /**
   * The variables the rule's contributions read, found by evaluating them: {@code x + y} reads
   * neither operand, {@code x * y} each the other, {@code exp x} its result.
   */
  private Set<Value.Var> readByContributions(Node.Apply apply) {
    Set<Value.Var> reads = new HashSet<>();
    List<JavaExpr> args = IrExpressions.primals(apply.args());
    JavaExpr y = JavaExpr.name(apply.targetVar().name());
    JavaExpr g = JavaExpr.name("\u0000"); // a name no variable has
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
        JavaExpr contribution = ElementwiseRules.partial(apply.op(), adjointAlgebra, args, y, g, i);
        for (Value.Var v : candidates) {
          if (contribution.reads(v.name())) {
            reads.add(v);
          }
        }
      }
    }
    return reads;
  }

  /** Whether the reverse of {@code node} reads the value it defines ({@code y = exp x} does). */
  private boolean readsOwnResult(Node node) {
    return node instanceof Node.Apply apply
        && activity.isActive(apply.targetVar())
        && readByContributions(apply).contains(apply.targetVar());
  }

  private void markNeeded(Value value) {
    if (value instanceof Value.Var var) {
      needed.add(var);
    }
  }

  private void findInvertibleSteps(List<Node> nodes) {
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
              && (step.op() == ElementwiseOp.ADD || step.op() == ElementwiseOp.SUBTRACT)
              && step.args().get(0).equals(copy.targetVar())
              && step.args().get(1) instanceof Value.Const c
              && step.targetVar().type() == copy.targetVar().type()) {
            steps.put(
                copy,
                new CounterStep(
                    copy.targetVar(), step.op() == ElementwiseOp.ADD, IrExpressions.primal(c)));
          }
        }
        default -> {}
      }
    }
  }

  /** Plans, for every loop with active code, what its reverse passes recompute. */
  private void planRecomputation(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.ArrayStore store -> writtenArrays.add(store.array());
        case Node.Copy copy -> {
          if (copy.targetVar().type().isArray() && copy.source() instanceof Value.Var source) {
            // an array copy is a second name for the same array, and a variable reassigned
            // (buffers swapped) holds each array it is copied from: a store through one name
            // writes what the others read
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

  private void planLoops(List<Node> nodes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          planLoops(branch.thenBranch());
          planLoops(branch.elseBranch());
        }
        case Node.While loop -> {
          Recomputation.Plan plan =
              Recomputation.plan(
                  loop,
                  needed,
                  writtenArrays,
                  uses.definitions(),
                  this::readsOwnResult,
                  forbiddenHoists);
          plans.put(loop, plan);
          recomputed.addAll(plan.recomputed());
          // recomputing reads what the recomputed values are computed from: the loop counter
          for (Node n : plan.block()) {
            for (Value operand : ActivityAnalysis.operands(n)) {
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
  private void planFusion(List<Node> body) {
    Node.Return ret = IrExpressions.findReturn(body);
    if (!(ret.value() instanceof Value.Var result)
        || result.type().isArray()
        || !activity.isActive(result)) {
      return;
    }
    for (int j = body.size() - 1; j >= 0; j--) {
      Node node = body.get(j);
      if (node instanceof Node.While loop) {
        Optional<LoopPlan.Fusion> found =
            FusedLoops.fusion(loop, result, plans.get(loop), activity, uses, needed);
        if (found.isPresent()) {
          fusion = found.get();
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
}
