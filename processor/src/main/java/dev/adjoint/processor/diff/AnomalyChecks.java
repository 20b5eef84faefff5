package dev.adjoint.processor.diff;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.expr.ArrayOf;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.StringLiteral;
import dev.adjoint.processor.expr.TypeRef;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.IfCall;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The anomaly checks of a generated adjoint: after a value the forward sweep computes, and after a
 * gradient (tensor or scalar) the reverse sweep computes, a call of the runtime's {@code
 * GeneratedAnomalies} that names the node's source line (its {@link Origin}) and the operation as
 * the forward sweep writes it, guarded by a flag the adjoint reads once per call ({@code
 * AnomalyMode.isEnabled()}). Written only into the checked variant of an adjoint ({@code
 * <Class>GradAnomalies}); disabled (the plain adjoint), it writes nothing.
 */
final class AnomalyChecks {
  private static final JavaExpr ANOMALY_MODE = new TypeRef(RuntimeClasses.ANOMALY_MODE);
  private static final JavaExpr CHECKS = new TypeRef(RuntimeClasses.GENERATED_ANOMALIES);

  private final Names names;
  private final boolean enabled;
  private String flag;

  AnomalyChecks(Names names, boolean enabled) {
    this.names = names;
    this.enabled = enabled;
  }

  /** After {@code target = expression} on {@code operands}, at {@code origin}. */
  void afterForward(
      StmtBuilder out, Value.Var target, String expression, List<Value> operands, Origin origin) {
    if (!enabled) {
      return;
    }
    String where = origin + ": " + expression;
    if (target.type() == IrType.TENSOR) {
      List<JavaExpr> args = new ArrayList<>(List.of(JavaExpr.name(target.name()), text(where)));
      for (Value v : operands) {
        if (v.type() == IrType.TENSOR) {
          args.add(IrExpressions.primal(v));
        }
      }
      out.add(new IfCall(JavaExpr.name(flag()), new Call(CHECKS, "forward", args)));
    } else if (target.type().isFloating()) {
      List<JavaExpr> numbers = new ArrayList<>();
      for (Value v : operands) {
        if (!v.type().isNumeric()) {
          return; // an array operand (a helper's): its elements are not scanned
        }
        numbers.add(IrExpressions.primal(v));
      }
      List<JavaExpr> args = new ArrayList<>(List.of(JavaExpr.name(target.name()), text(where)));
      JavaExpr flag = JavaExpr.name(flag());
      // one or two operands as they are; more (a call's arguments) in an array
      if (numbers.size() == 1 || numbers.size() == 2) {
        args.addAll(numbers);
      } else {
        args.add(new ArrayOf(TypeName.DOUBLE, numbers));
      }
      out.add(new IfCall(flag, new Call(CHECKS, "forward", args)));
    }
  }

  /** After the reverse sweep set {@code adjoint}, {@code operand}'s share of {@code from}. */
  void afterReverse(
      StmtBuilder out,
      String adjoint,
      String operation,
      String operand,
      String from,
      Origin origin) {
    if (!enabled) {
      return;
    }
    JavaExpr flag = JavaExpr.name(flag());
    out.add(
        new IfCall(
            flag,
            new Call(
                CHECKS,
                "reverse",
                List.of(
                    JavaExpr.name(adjoint),
                    text(origin + ": " + operation),
                    text(operand),
                    JavaExpr.name(from)))));
  }

  /**
   * After the reverse sweep wrote {@code adjoint}, the scalar adjoint of {@code operand}, at {@code
   * origin}: the first write that is not finite is where the gradient went wrong (a forwarded share
   * is checked where it is written).
   */
  void afterScalarReverse(StmtBuilder out, String adjoint, String operand, Origin origin) {
    if (!enabled) {
      return;
    }
    JavaExpr flag = JavaExpr.name(flag());
    out.add(
        new IfCall(
            flag,
            new Call(
                CHECKS,
                "reverse",
                List.of(JavaExpr.name(adjoint), text(origin.toString()), text(operand)))));
  }

  /** Whether the sweeps are written with checks. */
  boolean enabled() {
    return enabled;
  }

  /** The local holding the flag, if any check reads it. */
  java.util.Optional<String> flagName() {
    return java.util.Optional.ofNullable(flag);
  }

  /** The flag's declaration, before the forward sweep, if any check reads it. */
  List<Stmt> declaration() {
    return flag == null
        ? List.of()
        : List.of(
            new Define(
                LocalType.of(IrType.BOOLEAN),
                flag,
                new Call(ANOMALY_MODE, "isEnabled", List.of()),
                "anomaly checks: read once per call"));
  }

  private static JavaExpr text(String value) {
    return new StringLiteral(value);
  }

  private String flag() {
    if (flag == null) {
      flag = names.fresh("anomalies");
    }
    return flag;
  }
}
