package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.List;

/**
 * The reverse sweep's contributions of a tensor operation to its operands' adjoints (the partials
 * themselves: {@link TensorPartials}), each guarded by the leaves' requires-grad flags ({@link
 * TensorLeafFlags}).
 */
final class TensorContributions {
  private TensorContributions() {}

  /**
   * The contributions of a tensor operation to its operands' adjoints, each computed only when its
   * operand leads to a leaf that requires grad and something has flowed back to the result.
   */
  static void of(
      SweepContext ctx,
      TensorPartials tensorPartials,
      TensorLeafFlags leafFlags,
      Node.TensorApply apply,
      StmtBuilder out,
      int depth) {
    String g = ctx.adjoint(apply.targetVar());
    List<Value> operands = apply.args();
    if (apply.primitive().elementwise() == ElementwiseOp.MULTIPLY
        && operands.size() == 2
        && operands.get(0).equals(operands.get(1))
        && ctx.activity.isActive(operands.get(0))) {
      // x·x: its two shares g·x are one update 2·(g·x), the same numbers (the doubling is
      // exact) in one pass where the tape makes two products and their sum
      Value.Var operand = (Value.Var) operands.get(0);
      out.beginIf(
          wanted(g, leafFlags.needsGradient(operand)),
          apply.origin() + ": " + apply.primitive().name() + ", the operand twice");
      ctx.accumulate(out, operand, tensorPartials.square(g, operand), apply.origin(), depth + 1);
      out.end();
      return;
    }
    for (int i = 0; i < apply.args().size(); i++) {
      Value arg = apply.args().get(i);
      if (!ctx.activity.isActive(arg) || !apply.primitive().isDifferentiable(i)) {
        continue;
      }
      Value.Var operand = (Value.Var) arg;
      out.beginIf(
          wanted(g, leafFlags.needsGradient(operand)),
          apply.origin() + ": " + apply.primitive().name());
      ctx.accumulate(out, operand, tensorPartials.partial(apply, i, g), apply.origin(), depth + 1);
      ctx.anomalies.afterReverse(
          out, ctx.adjoint(operand), apply.primitive().name(), operand.name(), g, apply.origin());
      out.end();
    }
  }

  /** {@code g != null && needed}: something flowed back, and a leaf behind wants it. */
  private static JavaExpr wanted(String g, JavaExpr needed) {
    return new Binary(
        new Binary(JavaExpr.name(g), "!=", JavaExpr.literal("null"), JavaExpr.EQUALITY),
        "&&",
        needed,
        JavaExpr.CONDITIONAL_AND);
  }
}
