package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.DifferentiableCallee;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RegisteredCallee;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.List;

/**
 * The reverse sweep's contributions of calls: a call of another {@code @Differentiable} method
 * reads the partials from the record its generated pullback returned (an array argument's as an
 * array), and a call of a method with registered {@code @Derivative}s calls those partials on the
 * call's arguments. Each share is {@code g · partial}, added into the argument's adjoint through
 * the sweep's {@link SweepContext#accumulate}.
 */
final class CallContributions {
  private CallContributions() {}

  /** {@code call}'s shares into its active arguments, from the callee's result record. */
  static void ofDifferentiable(
      SweepContext ctx, Node.CallDifferentiable call, StmtBuilder out, int depth) {
    List<DifferentiableCallee.Parameter> params = call.callee().parameters();
    JavaExpr g = ctx.adjointValue(call.targetVar());
    for (int i = 0; i < params.size(); i++) {
      if (ctx.activity.isActive(call.args().get(i)) && params.get(i).type().isArray()) {
        // an array argument: the callee's partials form an array too
        Value.Var array = (Value.Var) call.args().get(i);
        String k = ctx.names.fresh("k");
        out.beginCountedFor(
            k, new Member(JavaExpr.name(array.name()), "length"), call.origin().toString());
        out.update(
            new Element(JavaExpr.name(ctx.adjoint(array)), JavaExpr.name(k)),
            false,
            ctx.adjointAlgebra.multiply(
                g,
                new Element(
                    new Call(JavaExpr.name(call.result().name()), params.get(i).name(), List.of()),
                    JavaExpr.name(k))),
            null);
        out.end();
      } else if (ctx.activity.isActive(call.args().get(i))) {
        JavaExpr partial =
            new Call(JavaExpr.name(call.result().name()), params.get(i).name(), List.of());
        ctx.accumulate(
            out,
            (Value.Var) call.args().get(i),
            ctx.adjointAlgebra.multiply(g, partial),
            call.origin(),
            depth);
      }
    }
  }

  /** {@code call}'s shares into its active arguments that have a registered partial. */
  static void ofRegistered(
      SweepContext ctx, Node.CallWithDerivative call, StmtBuilder out, int depth) {
    List<RegisteredCallee.Parameter> params = call.callee().parameters();
    JavaExpr g = ctx.adjointValue(call.targetVar());
    for (int i = 0; i < params.size(); i++) {
      // a parameter without a partial is a constant for the gradient (checked in analysis)
      if (ctx.activity.isActive(call.args().get(i)) && params.get(i).derivative().isPresent()) {
        RegisteredCallee.MethodRef d = params.get(i).derivative().get();
        JavaExpr partial =
            new Call(new TypeRef(d.owner()), d.method(), IrExpressions.primals(call.args()));
        ctx.accumulate(
            out,
            (Value.Var) call.args().get(i),
            ctx.adjointAlgebra.multiply(g, partial),
            call.origin(),
            depth);
      }
    }
  }
}
