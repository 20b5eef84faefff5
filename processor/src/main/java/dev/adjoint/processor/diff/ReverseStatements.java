package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.primal;
import static dev.adjoint.processor.diff.IrExpressions.primals;

import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.runtime.rules.ElementwiseRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse of each statement: a node's contributions to its operands' adjoints (through {@link
 * SweepContext#accumulate}), and the clearing and restoring a loop pass needs after them. Branches
 * and loops go to {@link LoopReverse}; tensor operations to {@link TensorContributions}, calls to
 * {@link CallContributions}.
 */
final class ReverseStatements {
  private final SweepContext ctx;

  private final LoopReverse loopReverse;

  /** The shares of tensor operations' operands, as expressions. */
  private final TensorPartials tensorPartials;

  /** The tensor leaves' requires-grad flags; none for a method without tensors. */
  private final TensorLeafFlags leafFlags;

  /** The products {@code (c·a)·a} whose two shares are one update: see {@link ScaledSquares}. */
  private final ScaledSquares scaledSquares;

  ReverseStatements(
      SweepContext ctx,
      LoopReverse loopReverse,
      TensorPartials tensorPartials,
      TensorLeafFlags leafFlags,
      ScaledSquares scaledSquares) {
    this.ctx = ctx;
    this.loopReverse = loopReverse;
    this.tensorPartials = tensorPartials;
    this.leafFlags = leafFlags;
    this.scaledSquares = scaledSquares;
  }

  /** Writes the reverse of {@code node}. */
  void reverseStatement(Node node, StmtBuilder out, int depth, boolean inLoop) {
    switch (node) {
      case Node.If branch -> loopReverse.reverseBranch(branch, out, depth, inLoop);
      case Node.While loop -> loopReverse.reverseLoop(loop, out, depth);
      case Node.ArrayStore store -> {
        if (ctx.activity.isActive(store.array())) {
          ctx.adjoints.ensureDeclared(store.array(), store.origin());
          JavaExpr element =
              new Element(JavaExpr.name(ctx.adjoint(store.array())), primal(store.index()));
          if (ctx.activity.isActive(store.value())) {
            ctx.accumulate(out, (Value.Var) store.value(), element, store.origin(), depth);
          }
          // the element's earlier value reaches nothing after this store
          out.assign(element, JavaExpr.literal("0"), store.origin().toString());
        }
      }
      case Node.Return ret -> {} // seeded in run
      case Node.Throw failure -> {} // a call that throws never gets here
      default -> {
        Value.Var target = node.target().orElseThrow();
        if (scaledSquares.factors().contains(node)) {
          // c·a, read only by (c·a)·a: its share was added there
        } else if (ctx.undoing != null
            && ctx.loops.isFused(ctx.undoing)
            && ctx.loops.fusion().get().carry() == node) {
          // r = t in a fused pass: dt is dr, the seed; dr keeps it (undoing t = r ± e gives it
          // back), so nothing is written
          Node.Copy carry = (Node.Copy) node;
          passThrough(out, carry.targetVar(), carry.source(), node.origin(), depth);
        } else if (ctx.activity.isActive(target)) {
          if (!(node instanceof Node.ArrayLoad
              || node instanceof Node.Copy
              || node instanceof Node.Convert)) {
            ctx.settle(out, target); // the statement may read the adjoint more than once
          }
          if (!ctx.forwarded.containsKey(target)) {
            ctx.adjoints.ensureDeclared(target, node.origin());
          }
          contributions(node, out, depth);
          ReversePass pass = ctx.passes.peek();
          // a pass that sets the adjoint with its first contribution needs no clearing
          boolean setEachPass = pass != null && pass.assigned.contains(target);
          if (setEachPass) {
            // the pass's own variable: its adjoint is read only here, where it is defined
            ctx.forwarded.remove(target);
          }
          if (inLoop && !target.type().isArray() && !setEachPass) {
            // the variable's earlier value, defined on an earlier pass, starts from zero
            ctx.clear(out, target, node.origin());
          }
        }
        if (inLoop) {
          loopReverse.restoreAfterUndo(node, out);
        }
      }
    }
  }

  private void contributions(Node node, StmtBuilder out, int depth) {
    switch (node) {
      case Node.TensorApply apply ->
          TensorContributions.of(ctx, tensorPartials, leafFlags, apply, out, depth);
      case Node.ElementRead read -> {
        // a parameter of this pass's sub-model: what flowed back to it goes into its .grad()
        if (read.leaf() && ctx.adjoints.declared.contains(read.targetVar())) {
          ctx.tensorReferences.wroteElementGradient();
          out.call(
              new Call(
                  new TypeRef(RuntimeClasses.ADJOINTS),
                  "accumulateGrad",
                  List.of(
                      JavaExpr.name("reverseStart"),
                      JavaExpr.name(read.targetVar().name()),
                      JavaExpr.name(ctx.adjoint(read.targetVar())))),
              read.origin().toString());
        }
      }
      case Node.Apply apply -> {
        if (scaledSquares.factorOf().containsKey(apply)) {
          scaledSquareContribution(apply, out, depth);
          return;
        }
        List<JavaExpr> args = primals(apply.args());
        JavaExpr y = JavaExpr.name(apply.targetVar().name());
        JavaExpr g = ctx.adjointValue(apply.targetVar());
        // an operand used twice (x * x) gets its contributions summed before one update; two
        // equal ones, g·u + g·u, are exactly 2·(g·u): one product and an exact doubling
        Map<Value.Var, JavaExpr> summed = new LinkedHashMap<>();
        for (int i = 0; i < apply.args().size(); i++) {
          int k = i;
          boolean carried =
              ctx.loops
                  .fusion()
                  .filter(f -> f.step() == apply && apply.args().get(k).equals(f.result()))
                  .isPresent();
          if (ctx.activity.isActive(apply.args().get(i)) && !carried) {
            JavaExpr contribution =
                ElementwiseRules.partial(apply.op(), ctx.adjointAlgebra, args, y, g, i);
            summed.merge(
                (Value.Var) apply.args().get(i),
                contribution,
                (a, b) ->
                    a.equals(b)
                        ? ctx.adjointAlgebra.multiply(JavaExpr.literal("2"), a)
                        : ctx.adjointAlgebra.add(a, b));
          }
        }
        summed.forEach((v, c) -> ctx.accumulate(out, v, c, apply.origin(), depth));
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
        if (ctx.activity.isActive(load.array()) && !load.targetVar().type().isArray()) {
          JavaExpr element =
              new Element(JavaExpr.name(ctx.adjoint(load.array())), primal(load.index()));
          out.add(
              ctx.update(element, ctx.adjointValue(load.targetVar()), load.origin().toString()));
        }
      }
      case Node.CallDifferentiable call ->
          CallContributions.ofDifferentiable(ctx, call, out, depth);
      case Node.CallWithDerivative call -> CallContributions.ofRegistered(ctx, call, out, depth);
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
      case Node.Throw failure -> {}
    }
  }

  /** {@code t = (c·a)·a = c·a²}: {@code ∂t/∂a = 2·c·a}, and {@code c·a} is the forward's value. */
  private void scaledSquareContribution(Node.Apply product, StmtBuilder out, int depth) {
    Value.Var factor = scaledSquares.factorOf().get(product);
    JavaExpr share =
        ctx.adjointAlgebra.multiply(
            JavaExpr.literal("2"),
            ctx.adjointAlgebra.multiply(
                ctx.adjointValue(product.targetVar()), JavaExpr.name(factor.name())));
    ctx.accumulate(
        out,
        (Value.Var) ScaledSquares.otherOperand(product, factor),
        share,
        product.origin(),
        depth);
  }

  private void passThrough(
      StmtBuilder out, Value.Var target, Value source, Origin origin, int depth) {
    if (ctx.activity.isActive(source)) {
      ctx.accumulate(out, (Value.Var) source, ctx.adjointValue(target), origin, depth);
    }
  }
}
