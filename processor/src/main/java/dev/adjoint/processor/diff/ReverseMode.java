package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diff pass: writes the body of a reverse-mode adjoint from the IR.
 *
 * <p>The forward sweep computes the primal, one three-address statement per IR node. The reverse
 * sweep walks the IR backwards and, for each node whose result is active, adds its contribution to
 * each active operand's adjoint, using the rule from {@link ElementwiseRules} written out as
 * source. Each statement carries a comment with the source line it differentiates.
 *
 * <p>Straight-line code never overwrites a value, so the reverse sweep reads the forward sweep's
 * variables directly. Inside a loop a variable is overwritten on every pass; where the reverse
 * sweep reads it, the forward sweep pushes the old value on the {@code Tape} before each overwrite
 * and the reverse sweep pops it back after undoing that statement. So, when the reverse sweep
 * undoes a statement, every variable holds the value it had just after the statement ran forward. A
 * loop pushes its trip count; the reverse sweep runs the body backwards that many times. A branch
 * inside a loop replays its arm from its condition, restored the same way.
 */
public final class ReverseMode extends LoopReverse {
  /** The runtime's classes that adjoint expressions call. */
  private ReverseMode(
      IrFunction function, Activity activity, Names names, String ownGradientClass) {
    super(function, activity, names, ownGradientClass);
    this.tensorPartials = new TensorPartials(function, names);
  }

  /** The shares of tensor operations' operands, as expressions. */
  private final TensorPartials tensorPartials;

  /**
   * Writes the adjoint of {@code function}.
   *
   * @param ownGradientClass qualified name of the class the adjoint goes into
   * @param seedName the seed parameter's name
   * @param arrayAdjoints for each differentiated array parameter, the name of the array its
   *     partials are added into
   * @param checkAnomalies whether to write anomaly checks ({@link AnomalyChecks})
   */
  public static Adjoint write(
      IrFunction function,
      Activity activity,
      Names names,
      String ownGradientClass,
      String seedName,
      Map<String, String> arrayAdjoints,
      boolean checkAnomalies) {
    // loop-invariant arithmetic runs once, before its loop, in both sweeps
    ReverseMode mode =
        new ReverseMode(LoopInvariants.apply(function), activity, names, ownGradientClass);
    if (checkAnomalies) {
      mode.checkAnomalies();
    }
    for (IrFunction.Parameter p : function.parameters()) {
      String adjoint = arrayAdjoints.get(p.name());
      if (adjoint != null && p.owned()) {
        // the reverse of a store clears the element's adjoint, which must not clear what the
        // caller had accumulated: gather this array's partials locally, add them at the end
        mode.ownedAdjoints.put(adjoint, mode.adjoint(p.variable()));
        mode.declaredAdjoints.add(p.variable());
      } else if (adjoint != null) {
        mode.adjointNames.put(p.variable(), adjoint);
        mode.declaredAdjoints.add(p.variable());
      }
    }
    return mode.run(seedName);
  }

  /** For each owned array parameter, the caller's adjoint array and the local one. */
  private final Map<String, String> ownedAdjoints = new LinkedHashMap<>();

  private Adjoint run(String seedName) {
    CodeBlock.Builder leafPrologue = CodeBlock.builder();
    if (function.usesTensors()) {
      leafFlags = TensorLeafFlags.plan(function, names, leafPrologue);
    }
    this.seedName = seedName;
    uses = UseCounts.of(function.body());
    loops = LoopPlanner.plan(function.body(), activity, uses);
    scaledSquares = ScaledSquares.plan(function.body(), activity, uses);
    CodeBlock.Builder forward = CodeBlock.builder();
    for (IrFunction.Parameter p : function.parameters()) {
      String local = adjointNames.get(p.variable());
      if (p.owned() && local != null && ownedAdjoints.containsValue(local)) {
        forward.add(
            "$L $L = new $L[$L.length]; // @Owned $L: its partials, added to the caller's at the"
                + " end\n",
            p.variable().type().javaName(),
            local,
            p.variable().type().elementType().javaName(),
            p.name(),
            p.name());
      }
    }
    for (Node node : function.body()) {
      for (Declaration declaration : newDeclarationsInside(node)) {
        forward.add("$L // $L: set in the block below\n", declaration.code(), node.origin());
      }
      forwardStatement(node, forward, 0, false);
    }

    Node.Return ret = findReturn(function.body());
    String value = primal(ret.value()).text(); // a name or a literal
    if (ret.value() instanceof Value.Var v && loops.definedInLoops().contains(v)) {
      // the reverse sweep restores loop variables to earlier values: keep the result
      value = names.fresh("value");
      forward.add("$L $L = $L; // $L\n", v.type().javaName(), value, v.name(), ret.origin());
    }
    CodeBlock.Builder reverse = CodeBlock.builder();
    String seedFits = null;
    if (ret.value() instanceof Value.Var result && result.type().isArray()) {
      // a vector result: its adjoint starts as the seed, which must match it, checked before the
      // reverse sweep runs; what the forward sweep kept on the tape is dropped by the tape guard
      reverse.add("if ($L.length != $L.length) { // $L\n", seedName, result.name(), ret.origin());
      reverse.indent();
      reverse.addStatement(
          "throw new $T(\"the seed has length \" + $L.length + \" but $L returns \" + $L.length"
              + " + \" values\")",
          IllegalArgumentException.class,
          seedName,
          function.name(),
          result.name());
      reverse.unindent().add("}\n");
      if (activity.isActive(result)) {
        String k = names.fresh("k");
        reverse.add(
            "for (int $L = 0; $L < $L.length; $L++) { // $L\n", k, k, seedName, k, ret.origin());
        reverse.indent().add("$L[$L] += $L[$L];\n", adjoint(result), k, seedName, k);
        reverse.unindent().add("}\n");
      }
    } else if (activity.isActive(ret.value()) && ret.value().type() == IrType.TENSOR) {
      // backward() semantics: ones for a one-element result, else the seed, checked
      Value.Var result = (Value.Var) ret.value();
      declaredAdjoints.add(result);
      if (tape == null) {
        reverse.add(
            "Tensor $L = Adjoints.seed($L, $L); // $L\n",
            adjoint(result),
            value,
            seedName,
            ret.origin());
      } else {
        // the forward sweep kept values on the tape: on a seed that does not fit, the reverse
        // sweep still runs (with nothing flowing back) to take them off, then throws
        seedFits = names.fresh("seedFits");
        reverse.add(
            "boolean $L = Adjoints.seedFits($L, $L); // $L\n",
            seedFits,
            value,
            seedName,
            ret.origin());
        reverse.add(
            "Tensor $L = $L ? Adjoints.seed($L, $L) : null; // $L\n",
            adjoint(result),
            seedFits,
            value,
            seedName,
            ret.origin());
      }
    } else if (activity.isActive(ret.value()) && loops.fusion().isEmpty()) { // else set before
      Value.Var result = (Value.Var) ret.value();
      declaredAdjoints.add(result);
      reverse.add(
          "$L $L = $L; // $L\n", result.type().javaName(), adjoint(result), seedName, ret.origin());
    }
    List<Node> body = function.body();
    for (int i = body.size() - 1; i >= 0; i--) {
      CodeBlock.Builder statement = CodeBlock.builder();
      reverseStatement(body.get(i), statement, 0, false);
      for (String declaration : pendingDeclarations) {
        reverse.add("$L", declaration);
      }
      pendingDeclarations.clear();
      reverse.add(statement.build());
      releaseAfterLastUse(body.get(i), ret, reverse);
    }
    if (tape != null) {
      reverse.add(
          "$L.releaseIfLarge(); // stacks this call emptied go if they grew beyond"
              + " Tape.retainedBytes()\n",
          tape);
    }

    for (Map.Entry<String, String> owned : ownedAdjoints.entrySet()) {
      String k = names.fresh("k");
      reverse.add(
          "for (int $L = 0; $L < $L.length; $L++) { // the owned array's partials\n",
          k,
          k,
          owned.getValue(),
          k);
      reverse.indent().add("$L[$L] += $L[$L];\n", owned.getKey(), k, owned.getValue(), k);
      reverse.unindent().add("}\n");
    }
    if (seedFits != null && ret.value().type() == IrType.TENSOR) {
      reverse.add("if (!$L) {\n", seedFits).indent();
      reverse.add(
          "Adjoints.seed($L, $L); // throws, saying why the seed does not fit\n", value, seedName);
      reverse.unindent().add("}\n");
    }
    Map<String, String> partials = new LinkedHashMap<>();
    for (IrFunction.Parameter p : function.parameters()) {
      if (p.differentiated() && !p.variable().type().isArray()) {
        partials.put(
            p.name(),
            declaredAdjoints.contains(p.variable())
                ? adjoint(p.variable())
                : defaultValue(p.variable().type()));
      }
    }
    Map<String, String> leafGradients = new LinkedHashMap<>();
    for (Value.Var leaf : leafFlags.leaves()) {
      leafGradients.put(leaf.name(), declaredAdjoints.contains(leaf) ? adjoint(leaf) : "null");
    }
    CodeBlock.Builder prologue =
        CodeBlock.builder().add(leafPrologue.build()).add(anomalies.declaration());
    java.util.Optional<TapeGuard> guard = java.util.Optional.empty();
    if (tape != null) {
      // the sweeps push and pop: the tape's fill at entry is where an exception takes it back to
      guard =
          java.util.Optional.of(
              new TapeGuard(tape, names.fresh("tapeMark"), names.fresh("failure")));
      prologue.add(
          "$T $L = $T.current(); // keeps loop values for the reverse sweep\n", TAPE, tape, TAPE);
      prologue.add(
          "$T.Mark $L = $L.mark(); // where this call's values start\n",
          TAPE,
          guard.get().mark(),
          tape);
    }
    return new Adjoint(
        prologue.build(),
        forward.build(),
        reverse.build(),
        value,
        partials,
        leafGradients,
        guard,
        tensorReferences.readsAlgebra(),
        tensorReferences.templateClasses());
  }

  /**
   * Drops the tensors of a top-level tensor operation once its reverse step has run: nothing later
   * in the sweep reads them (the operations before it cannot read its result, and its adjoint has
   * been passed on), so their memory can go before the sweep ends. The tape keeps every saved
   * tensor until its node runs; the build knows each one's last use.
   */
  private void releaseAfterLastUse(Node node, Node.Return ret, CodeBlock.Builder out) {
    if (!(node instanceof Node.TensorApply apply)
        || !activity.isActive(apply.targetVar())
        || apply.targetVar().equals(ret.value())) {
      return;
    }
    Value.Var target = apply.targetVar();
    String adjoint = declaredAdjoints.contains(target) ? " " + adjoint(target) + " = null;" : "";
    out.add(
        "$L = null;$L // $L: not read again, released\n", target.name(), adjoint, apply.origin());
  }

  // ---------------------------------------------------------------- tensor leaves

  /** The tensor leaves' requires-grad flags; none for a method without tensors. */
  private TensorLeafFlags leafFlags = TensorLeafFlags.NONE;

  // ---------------------------------------------------------------- reverse sweep

  @Override
  void reverseStatement(Node node, CodeBlock.Builder out, int depth, boolean inLoop) {
    switch (node) {
      case Node.If branch -> reverseBranch(branch, out, depth, inLoop);
      case Node.While loop -> reverseLoop(loop, out, depth);
      case Node.ArrayStore store -> {
        if (activity.isActive(store.array())) {
          ensureDeclared(store.array(), store.origin());
          JavaExpr element =
              new Element(JavaExpr.name(adjoint(store.array())), primal(store.index()));
          if (activity.isActive(store.value())) {
            accumulate(out, (Value.Var) store.value(), element, store.origin(), depth);
          }
          // the element's earlier value reaches nothing after this store
          out.add("$L = 0; // $L\n", element.code(), store.origin());
        }
      }
      case Node.Return ret -> {} // seeded in run
      default -> {
        Value.Var target = node.target().orElseThrow();
        if (scaledSquares.factors().contains(node)) {
          // c·a, read only by (c·a)·a: its share was added there
        } else if (undoing != null
            && loops.isFused(undoing)
            && loops.fusion().get().carry() == node) {
          // r = t in a fused pass: dt is dr, the seed; dr keeps it (undoing t = r ± e gives it
          // back), so nothing is written
          Node.Copy carry = (Node.Copy) node;
          passThrough(out, carry.targetVar(), carry.source(), node.origin(), depth);
        } else if (activity.isActive(target)) {
          if (!(node instanceof Node.ArrayLoad
              || node instanceof Node.Copy
              || node instanceof Node.Convert)) {
            settle(out, target); // the statement may read the adjoint more than once
          }
          if (!forwarded.containsKey(target)) {
            ensureDeclared(target, node.origin());
          }
          contributions(node, out, depth);
          Pass pass = passes.peek();
          // a pass that sets the adjoint with its first contribution needs no clearing
          boolean setEachPass = pass != null && pass.assigned.contains(target);
          if (setEachPass) {
            // the pass's own variable: its adjoint is read only here, where it is defined
            forwarded.remove(target);
          }
          if (inLoop && !target.type().isArray() && !setEachPass) {
            // the variable's earlier value, defined on an earlier pass, starts from zero
            clear(out, target, node.origin());
          }
        }
        if (inLoop) {
          restoreAfterUndo(node, out);
        }
      }
    }
  }

  private void contributions(Node node, CodeBlock.Builder out, int depth) {
    switch (node) {
      case Node.TensorApply apply ->
          TensorContributions.of(this, tensorPartials, leafFlags, apply, out, depth);
      case Node.ElementRead read -> {
        // a parameter of this pass's sub-model: what flowed back to it goes into its .grad()
        if (read.leaf() && declaredAdjoints.contains(read.targetVar())) {
          out.add(
              "Adjoints.accumulateGrad(reverseStart, $L, $L); // $L\n",
              read.targetVar().name(),
              adjoint(read.targetVar()),
              read.origin());
        }
      }
      case Node.Apply apply -> {
        if (scaledSquares.factorOf().containsKey(apply)) {
          scaledSquareContribution(apply, out, depth);
          return;
        }
        List<JavaExpr> args = primals(apply.args());
        JavaExpr y = JavaExpr.name(apply.targetVar().name());
        JavaExpr g = adjointValue(apply.targetVar());
        // an operand used twice (x * x) gets its contributions summed before one update; two
        // equal ones, g·u + g·u, are exactly 2·(g·u): one product and an exact doubling
        Map<Value.Var, JavaExpr> summed = new LinkedHashMap<>();
        for (int i = 0; i < apply.args().size(); i++) {
          int k = i;
          boolean carried =
              loops
                  .fusion()
                  .filter(f -> f.step() == apply && apply.args().get(k).equals(f.result()))
                  .isPresent();
          if (activity.isActive(apply.args().get(i)) && !carried) {
            JavaExpr contribution =
                ElementwiseRules.partial(apply.op(), adjointAlgebra, args, y, g, i);
            summed.merge(
                (Value.Var) apply.args().get(i),
                contribution,
                (a, b) ->
                    a.equals(b)
                        ? adjointAlgebra.multiply(JavaExpr.literal("2"), a)
                        : adjointAlgebra.add(a, b));
          }
        }
        summed.forEach((v, c) -> accumulate(out, v, c, apply.origin(), depth));
      }
      case Node.Copy copy -> {
        if (!copy.targetVar().type().isArray()) { // an array copy's adjoint is an alias
          passThrough(out, copy.targetVar(), copy.source(), copy.origin(), depth);
        }
      }
      case Node.Convert convert ->
          passThrough(out, convert.targetVar(), convert.source(), convert.origin(), depth);
      case Node.ArrayLoad load -> {
        // a row's adjoint is an alias of the matrix's, set in the forward sweep
        if (activity.isActive(load.array()) && !load.targetVar().type().isArray()) {
          JavaExpr element =
              new Element(JavaExpr.name(adjoint(load.array())), primal(load.index()));
          out.add(
              "$L $L; // $L\n",
              element.code(),
              update(adjointValue(load.targetVar())),
              load.origin());
        }
      }
      case Node.CallDifferentiable call ->
          CallContributions.ofDifferentiable(this, call, out, depth);
      case Node.CallWithDerivative call -> CallContributions.ofRegistered(this, call, out, depth);
      // never active: the analysis rejects operators without rules on a gradient path, and
      // detached values, array creations and lengths carry no derivative
      case Node.Operate operate -> {}
      case Node.Detach detach -> {}
      case Node.NewArray array -> {}
      case Node.ArrayLength length -> {}
      case Node.ArrayStore store -> {}
      case Node.If branch -> {}
      case Node.While loop -> {}
      case Node.Return ret -> {}
    }
  }

  // ---------------------------------------------------------------- scaled squares

  /** The products {@code (c·a)·a} whose two shares are one update: see {@link ScaledSquares}. */
  private ScaledSquares scaledSquares;

  /** {@code t = (c·a)·a = c·a²}: {@code ∂t/∂a = 2·c·a}, and {@code c·a} is the forward's value. */
  private void scaledSquareContribution(Node.Apply product, CodeBlock.Builder out, int depth) {
    Value.Var factor = scaledSquares.factorOf().get(product);
    JavaExpr share =
        adjointAlgebra.multiply(
            JavaExpr.literal("2"),
            adjointAlgebra.multiply(
                adjointValue(product.targetVar()), JavaExpr.name(factor.name())));
    accumulate(
        out,
        (Value.Var) ScaledSquares.otherOperand(product, factor),
        share,
        product.origin(),
        depth);
  }

  private void passThrough(
      CodeBlock.Builder out, Value.Var target, Value source, Origin origin, int depth) {
    if (activity.isActive(source)) {
      accumulate(out, (Value.Var) source, adjointValue(target), origin, depth);
    }
  }
}
