package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.primal;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.ReverseFor;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse sweep's control flow: a branch replays the arm the forward sweep took; a loop runs
 * its passes backwards, each undoing the counter updates, taking back the hoisted values,
 * re-running what it recomputes rather than stores ({@link Recomputation}) and undoing the rest of
 * the body, restoring each overwritten value from the tape after undoing the statement that
 * overwrote it; a fused loop undoes each pass right after it has run. {@link ReverseMode} writes
 * the statements.
 */
final class LoopReverse {
  private final SweepContext ctx;

  /** Writes what a loop pass recomputes rather than stores. */
  private final ForwardSweep forwardSweep;

  /** Writes the reverse of each statement of a branch arm or pass. */
  private final StatementReverse statements;

  /** Restores of loop counters written as a linear function of the reverse loop's own counter. */
  private final Map<Node, JavaExpr> linearRestores = new HashMap<>();

  LoopReverse(SweepContext ctx, ForwardSweep forwardSweep, StatementReverse statements) {
    this.ctx = ctx;
    this.forwardSweep = forwardSweep;
    this.statements = statements;
  }

  void reverseBlock(List<Node> nodes, StmtBuilder out, int depth, boolean inLoop) {
    Object enclosing = ctx.currentBlock;
    ctx.currentBlock = new Object();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      statements.reverse(nodes.get(i), out, depth, inLoop);
    }
    ctx.currentBlock = enclosing;
  }

  /** The expression popping a value of {@code type}: through the loop's cursor if it has one. */
  private JavaExpr popCode(IrType type) {
    if (ctx.cursor != null && TapeCursor.carries(type, false)) {
      return ctx.cursor.pop(type);
    }
    return new Call(JavaExpr.name(ctx.tape()), TapeCursor.popMethod(type, false), List.of());
  }

  /** {@code tape.popObject()}. */
  private JavaExpr popObject() {
    return new Call(JavaExpr.name(ctx.tape()), "popObject", List.of());
  }

  void restoreAfterUndo(Node node, StmtBuilder out) {
    if (ctx.loops.keepsAdjointArray(node)) {
      JavaExpr adjoint = JavaExpr.name(ctx.adjoint(node.target().orElseThrow()));
      out.assign(adjoint, popObject(), node.origin().toString());
    }
    if (node instanceof Node.CallDifferentiable call && ctx.loops.saved(call.result())) {
      out.assign(JavaExpr.name(call.result().name()), popObject(), node.origin().toString());
    }
    Value.Var target = node.target().orElseThrow();
    if (ctx.loops.saved(target) && linearRestores.containsKey(node)) {
      out.assign(
          JavaExpr.name(target.name()),
          linearRestores.get(node),
          node.origin() + ": the value during this pass, nothing stored");
    } else if (ctx.loops.saved(target) && ctx.loops.steps().containsKey(node)) {
      out.assign(
          JavaExpr.name(target.name()),
          ctx.loops.steps().get(node).undo(),
          node.origin() + ": undoes the step, nothing stored");
    } else if (ctx.loops.saved(target) && !ctx.loops.hoisted(node)) {
      out.assign(
          JavaExpr.name(target.name()),
          popCode(target.type()),
          node.origin() + ": the value before this statement");
    }
  }

  void reverseBranch(Node.If branch, StmtBuilder out, int depth, boolean inLoop) {
    // an arm's statements run or not: an adjoint each arm may read is written before the branch,
    // and one an arm defers is written before the arm ends
    ctx.materializeAll(out);
    StmtBuilder thenCode = new StmtBuilder();
    StmtBuilder elseCode = new StmtBuilder();
    reverseBlock(branch.thenBranch(), thenCode, depth + 1, inLoop);
    ctx.materializeAll(thenCode);
    reverseBlock(branch.elseBranch(), elseCode, depth + 1, inLoop);
    ctx.materializeAll(elseCode);
    List<Stmt> thenBlock = thenCode.build();
    List<Stmt> elseBlock = elseCode.build();
    if (thenBlock.isEmpty() && elseBlock.isEmpty()) {
      return;
    }
    JavaExpr condition = primal(branch.condition());
    String comment = branch.origin() + ": the arm the forward sweep took";
    if (thenBlock.isEmpty()) {
      out.add(new If(new Prefix("!", condition), elseBlock, List.of(), comment));
      return;
    }
    out.add(new If(condition, thenBlock, elseBlock, comment));
  }

  void reverseLoop(Node.While loop, StmtBuilder out, int depth) {
    String count = ctx.tripCounts.get(loop);
    if (count == null) {
      return; // nothing active inside, nothing on the tape
    }
    Recomputation.Plan plan = ctx.loops.recomputations().get(loop);
    List<Node> nodes = loop.body();
    int split = plan == null ? 0 : plan.suffixStart();
    ctx.materializeAll(out); // the passes may read any adjoint
    String k = ctx.names.fresh("pass");
    String passCount = count;
    if (depth > 0) {
      passCount = ctx.names.fresh("passesHere");
      out.define(
          LocalType.of(IrType.INT),
          passCount,
          new Call(JavaExpr.name(ctx.tape()), "popInt", List.of()),
          loop.origin().toString());
    }
    // a counter stepped once a pass (i += c) is, during pass k, final - c·(passes + 1 - k): a
    // linear function of k, which the JIT's range-check elimination understands
    for (Node node : nodes.subList(split, nodes.size())) {
      CounterStep step = ctx.loops.steps().get(node);
      Value.Var counter = node.target().orElseThrow();
      if (step != null && UseCounts.definedOnceIn(loop, counter) && ctx.loops.saved(counter)) {
        String base = ctx.names.fresh(counter.name() + "Base");
        boolean unit = step.unit();
        boolean adds = unit && step.decreases(); // i - 1 each pass: i + (passes + 1) before
        JavaExpr passesAndOne =
            new Parenthesized(
                new Binary(
                    JavaExpr.name(passCount), "+", JavaExpr.literal("1"), JavaExpr.ADDITIVE));
        JavaExpr change = new Parenthesized(step.signed());
        out.define(
            LocalType.of(counter.type()),
            base,
            new Binary(
                JavaExpr.name(counter.name()),
                adds ? "+" : "-",
                unit ? passesAndOne : times(change, passesAndOne),
                JavaExpr.ADDITIVE),
            node.origin() + ": " + counter.name() + " before the first pass");
        linearRestores.put(
            node,
            new Binary(
                JavaExpr.name(base),
                adds ? "-" : "+",
                unit ? JavaExpr.name(k) : times(change, JavaExpr.name(k)),
                JavaExpr.ADDITIVE));
      }
    }
    TapeCursor enclosing = ctx.cursor;
    if (ctx.loops.keepsDoublesLocally(loop)) {
      ctx.cursor =
          new TapeCursor(ctx.tape(), ctx.names.fresh("tapeDoubles"), ctx.names.fresh("tapeTop"));
      out.addAll(ctx.cursor.open());
    }
    StmtBuilder body = new StmtBuilder();
    ctx.passes.push(new ReversePass(depth + 1, ctx.loops.passLocalCandidates(nodes)));
    reverseBlock(nodes.subList(split, nodes.size()), body, depth + 1, true);
    if (plan != null) {
      for (Node hoisted : plan.hoisted()) {
        Value.Var target = hoisted.target().orElseThrow();
        if (ctx.loops.saved(target)) {
          body.assign(
              JavaExpr.name(target.name()),
              popCode(target.type()),
              hoisted.origin() + ": the value before this pass's statement, to recompute from");
        }
      }
    }
    if (plan != null && !plan.block().isEmpty()) {
      body.comment("recomputed rather than stored: the values of this pass");
      plan.block().forEach(n -> forwardSweep.forwardStatement(n, body, depth + 1, false));
    }
    reverseBlock(nodes.subList(0, split), body, depth + 1, true);
    ctx.materializeAll(body);
    ctx.passes.pop();
    out.add(
        new ReverseFor(
            k,
            JavaExpr.name(passCount),
            body.build(),
            loop.origin() + ": the loop's passes, last first"));
    if (ctx.cursor != enclosing) {
      out.add(ctx.cursor.close());
      ctx.cursor = enclosing;
    }
  }

  /** {@code left * right}. */
  private static JavaExpr times(JavaExpr left, JavaExpr right) {
    return new Binary(left, "*", right, JavaExpr.MULTIPLICATIVE);
  }

  /** Writes the reverse of one pass of a fused loop's {@code prefix}, inside the loop. */
  void undoPass(Node.While loop, List<Node> prefix, StmtBuilder out, int depth) {
    ctx.passes.push(new ReversePass(depth, ctx.loops.passLocalCandidates(loop.body())));
    ctx.undoing = loop;
    ctx.deferSums = true;
    reverseBlock(prefix, out, depth, true);
    ctx.deferSums = false;
    ctx.undoing = null;
    ctx.materializeAll(out);
    ctx.passes.pop();
  }
}
