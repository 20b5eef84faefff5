package dev.adjoint.processor.diff;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Conditional;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.NewInstance;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.expr.StringLiteral;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.StmtBuilder;
import dev.adjoint.processor.stmt.Throw;
import java.util.List;

/**
 * The reverse sweep's start, the result's adjoint set from the seed (a vector result's seed checked
 * against its length first; a tensor's as {@code backward()} seeds it, ones for one element), and,
 * where the forward sweep kept values on the tape, the throw of a tensor seed that does not fit,
 * once the sweep has taken them off.
 */
final class SweepSeed {
  private static final JavaExpr ADJOINTS = new TypeRef(RuntimeClasses.ADJOINTS);

  private final SweepContext ctx;
  private final Node.Return ret;

  /** The primal result: a name or a literal. */
  private final JavaExpr value;

  /** The local saying whether a tensor seed fits, where the sweep runs on regardless; else null. */
  private String seedFits;

  SweepSeed(SweepContext ctx, Node.Return ret, JavaExpr value) {
    this.ctx = ctx;
    this.ret = ret;
    this.value = value;
  }

  /** The statements that start the reverse sweep. */
  void writeStart(StmtBuilder reverse) {
    if (ret.value() instanceof Value.Var result && result.type().isArray()) {
      // a vector result: its adjoint starts as the seed, which must match it, checked before the
      // reverse sweep runs; what the forward sweep kept on the tape is dropped by the tape guard
      JavaExpr seedLength = IrExpressions.length(ctx.seedName);
      JavaExpr resultLength = IrExpressions.length(result.name());
      reverse.beginIf(
          new Binary(seedLength, "!=", resultLength, JavaExpr.EQUALITY), ret.origin().toString());
      JavaExpr message =
          plus(
              plus(
                  plus(
                      plus(new StringLiteral("the seed has length "), seedLength),
                      new StringLiteral(" but " + ctx.function.name() + " returns ")),
                  resultLength),
              new StringLiteral(" values"));
      reverse.add(
          new Throw(
              new NewInstance(ClassName.get(IllegalArgumentException.class), List.of(message))));
      reverse.end();
      if (ctx.activity.isActive(result)) {
        String k = ctx.names.fresh("k");
        reverse.beginCountedFor(k, seedLength, ret.origin().toString());
        reverse.update(
            IrExpressions.element(ctx.adjoint(result), k),
            false,
            IrExpressions.element(ctx.seedName, k),
            null);
        reverse.end();
      }
    } else if (ctx.activity.isActive(ret.value()) && ret.value().type() == IrType.TENSOR) {
      // backward() semantics: ones for a one-element result, else the seed, checked
      Value.Var result = (Value.Var) ret.value();
      ctx.adjoints.declared.add(result);
      ctx.topLevel.add(SweepLocal.of(IrType.TENSOR, ctx.adjoint(result)));
      if (ctx.tape == null) {
        reverse.define(
            LocalType.of(RuntimeClasses.TENSOR),
            ctx.adjoint(result),
            seed(),
            ret.origin().toString());
      } else {
        // the forward sweep kept values on the tape: on a seed that does not fit, the reverse
        // sweep still runs (with nothing flowing back) to take them off, then throws
        seedFits = ctx.names.fresh("seedFits");
        ctx.topLevel.add(SweepLocal.of(IrType.BOOLEAN, seedFits));
        reverse.define(
            LocalType.of(IrType.BOOLEAN),
            seedFits,
            new Call(ADJOINTS, "seedFits", List.of(value, JavaExpr.name(ctx.seedName))),
            ret.origin().toString());
        reverse.define(
            LocalType.of(RuntimeClasses.TENSOR),
            ctx.adjoint(result),
            new Conditional(JavaExpr.name(seedFits), seed(), JavaExpr.literal("null")),
            ret.origin().toString());
      }
    } else if (ctx.activity.isActive(ret.value())
        && ctx.loops.fusion().isEmpty()) { // else set before
      Value.Var result = (Value.Var) ret.value();
      ctx.adjoints.declared.add(result);
      ctx.topLevel.add(SweepLocal.of(result.type(), ctx.adjoint(result)));
      reverse.define(
          LocalType.of(result.type()),
          ctx.adjoint(result),
          JavaExpr.name(ctx.seedName),
          ret.origin().toString());
    }
  }

  /** After the reverse sweep: the throw of a tensor seed that did not fit, if it may not have. */
  void writeCheck(StmtBuilder reverse) {
    if (seedFits != null && ret.value().type() == IrType.TENSOR) {
      reverse.beginIf(new Prefix("!", JavaExpr.name(seedFits)), null);
      reverse.call(seed(), "throws, saying why the seed does not fit");
      reverse.end();
    }
  }

  /** {@code Adjoints.seed(value, seed)}. */
  private JavaExpr seed() {
    return new Call(ADJOINTS, "seed", List.of(value, JavaExpr.name(ctx.seedName)));
  }

  /** {@code left + right}. */
  private static JavaExpr plus(JavaExpr left, JavaExpr right) {
    return new Binary(left, "+", right, JavaExpr.ADDITIVE);
  }
}
