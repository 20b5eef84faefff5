package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.primal;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
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
  private final Map<Node, CodeBlock> linearRestores = new HashMap<>();

  LoopReverse(SweepContext ctx, ForwardSweep forwardSweep, StatementReverse statements) {
    this.ctx = ctx;
    this.forwardSweep = forwardSweep;
    this.statements = statements;
  }

  void reverseBlock(List<Node> nodes, CodeBlock.Builder out, int depth, boolean inLoop) {
    Object enclosing = ctx.currentBlock;
    ctx.currentBlock = new Object();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      statements.reverse(nodes.get(i), out, depth, inLoop);
    }
    ctx.currentBlock = enclosing;
  }

  /** The expression popping a value of {@code type}: through the loop's cursor if it has one. */
  private String popCode(IrType type) {
    if (ctx.cursor != null && TapeCursor.carries(type, false)) {
      return ctx.cursor.pop(type);
    }
    return ctx.tape() + "." + TapeCursor.popMethod(type, false) + "()";
  }

  void restoreAfterUndo(Node node, CodeBlock.Builder out) {
    if (ctx.loops.keepsAdjointArray(node)) {
      out.add(
          "$L = $L.popObject(); // $L\n",
          ctx.adjoint(node.target().orElseThrow()),
          ctx.tape(),
          node.origin());
    }
    if (node instanceof Node.CallDifferentiable call && ctx.loops.saved(call.result())) {
      out.add("$L = $L.popObject(); // $L\n", call.result().name(), ctx.tape(), node.origin());
    }
    Value.Var target = node.target().orElseThrow();
    if (ctx.loops.saved(target) && linearRestores.containsKey(node)) {
      out.add(
          "$L = $L; // $L: the value during this pass, nothing stored\n",
          target.name(),
          linearRestores.get(node),
          node.origin());
    } else if (ctx.loops.saved(target) && ctx.loops.steps().containsKey(node)) {
      out.add(
          "$L = $L; // $L: undoes the step, nothing stored\n",
          target.name(),
          ctx.loops.steps().get(node).undo(),
          node.origin());
    } else if (ctx.loops.saved(target) && !ctx.loops.hoisted(node)) {
      out.add(
          "$L = $L; // $L: the value before this statement\n",
          target.name(),
          popCode(target.type()),
          node.origin());
    }
  }

  void reverseBranch(Node.If branch, CodeBlock.Builder out, int depth, boolean inLoop) {
    // an arm's statements run or not: an adjoint each arm may read is written before the branch,
    // and one an arm defers is written before the arm ends
    ctx.materializeAll(out);
    CodeBlock.Builder thenCode = CodeBlock.builder();
    CodeBlock.Builder elseCode = CodeBlock.builder();
    reverseBlock(branch.thenBranch(), thenCode, depth + 1, inLoop);
    ctx.materializeAll(thenCode);
    reverseBlock(branch.elseBranch(), elseCode, depth + 1, inLoop);
    ctx.materializeAll(elseCode);
    CodeBlock thenBlock = thenCode.build();
    CodeBlock elseBlock = elseCode.build();
    if (thenBlock.isEmpty() && elseBlock.isEmpty()) {
      return;
    }
    CodeBlock condition = primal(branch.condition()).code();
    if (thenBlock.isEmpty()) {
      out.add(
          "if (!$L) { // $L: the arm the forward sweep took\n",
          primal(branch.condition()).at(JavaExpr.UNARY),
          branch.origin());
      out.indent().add(elseBlock).unindent().add("}\n");
      return;
    }
    out.add("if ($L) { // $L: the arm the forward sweep took\n", condition, branch.origin());
    out.indent().add(thenBlock).unindent();
    if (!elseBlock.isEmpty()) {
      out.add("} else {\n").indent().add(elseBlock).unindent();
    }
    out.add("}\n");
  }

  void reverseLoop(Node.While loop, CodeBlock.Builder out, int depth) {
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
      out.add("int $L = $L.popInt(); // $L\n", passCount, ctx.tape(), loop.origin());
    }
    // a counter stepped once a pass (i += c) is, during pass k, final - c·(passes + 1 - k): a
    // linear function of k, which the JIT's range-check elimination understands
    for (Node node : nodes.subList(split, nodes.size())) {
      CounterStep step = ctx.loops.steps().get(node);
      Value.Var counter = node.target().orElseThrow();
      if (step != null && UseCounts.definedOnceIn(loop, counter) && ctx.loops.saved(counter)) {
        String base = ctx.names.fresh(counter.name() + "Base");
        boolean unit = step.unit();
        CodeBlock scaled = unit ? CodeBlock.of("") : CodeBlock.of("($L) * ", step.signed().code());
        String sign = unit && step.decreases() ? "+" : "-";
        out.add(
            "$L $L = $L $L $L($L + 1); // $L: $L before the first pass\n",
            counter.type().javaName(),
            base,
            counter.name(),
            unit ? sign : "-",
            scaled,
            passCount,
            node.origin(),
            counter.name());
        linearRestores.put(
            node,
            CodeBlock.of(
                "$L$L$L",
                base,
                unit ? (sign.equals("-") ? " + " : " - ") : CodeBlock.of(" + $L", scaled),
                k));
      }
    }
    TapeCursor enclosing = ctx.cursor;
    if (ctx.loops.keepsDoublesLocally(loop)) {
      ctx.cursor =
          new TapeCursor(ctx.tape(), ctx.names.fresh("tapeDoubles"), ctx.names.fresh("tapeTop"));
      out.add("$L", ctx.cursor.open());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    ctx.passes.push(new ReversePass(depth + 1, ctx.loops.passLocalCandidates(nodes)));
    reverseBlock(nodes.subList(split, nodes.size()), body, depth + 1, true);
    if (plan != null) {
      for (Node hoisted : plan.hoisted()) {
        Value.Var target = hoisted.target().orElseThrow();
        if (ctx.loops.saved(target)) {
          body.add(
              "$L = $L; // $L: the value before this pass's statement, to recompute from\n",
              target.name(),
              popCode(target.type()),
              hoisted.origin());
        }
      }
    }
    if (plan != null && !plan.block().isEmpty()) {
      body.add("// recomputed rather than stored: the values of this pass\n");
      plan.block().forEach(n -> forwardSweep.forwardStatement(n, body, depth + 1, false));
    }
    reverseBlock(nodes.subList(0, split), body, depth + 1, true);
    ctx.materializeAll(body);
    ctx.passes.pop();
    out.add(
        "for (int $L = $L; $L > 0; $L--) { // $L: the loop's passes, last first\n",
        k,
        passCount,
        k,
        k,
        loop.origin());
    out.indent().add(body.build()).unindent().add("}\n");
    if (ctx.cursor != enclosing) {
      out.add("$L", ctx.cursor.close());
      ctx.cursor = enclosing;
    }
  }

  /** Writes the reverse of one pass of a fused loop's {@code prefix}, inside the loop. */
  void undoPass(Node.While loop, List<Node> prefix, CodeBlock.Builder out, int depth) {
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
