package dev.adjoint.processor.diff;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.RuntimeClasses;
import dev.adjoint.processor.ir.Value;
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
  private static final ClassName ANOMALY_MODE = RuntimeClasses.ANOMALY_MODE;
  private static final ClassName CHECKS = RuntimeClasses.GENERATED_ANOMALIES;

  private final Names names;
  private final boolean enabled;
  private String flag;

  AnomalyChecks(Names names, boolean enabled) {
    this.names = names;
    this.enabled = enabled;
  }

  /** After {@code target = expression} on {@code operands}, at {@code origin}. */
  void afterForward(
      CodeBlock.Builder out,
      Value.Var target,
      String expression,
      List<Value> operands,
      Origin origin) {
    if (!enabled) {
      return;
    }
    String where = origin + ": " + expression;
    if (target.type() == IrType.TENSOR) {
      List<String> tensors = new ArrayList<>();
      for (Value v : operands) {
        if (v.type() == IrType.TENSOR) {
          tensors.add(IrExpressions.primal(v).text());
        }
      }
      String args = tensors.isEmpty() ? "" : ", " + String.join(", ", tensors);
      out.add("if ($L) $T.forward($L, $S$L);\n", flag(), CHECKS, target.name(), where, args);
    } else if (target.type().isFloating()) {
      List<String> numbers = new ArrayList<>();
      for (Value v : operands) {
        if (!v.type().isNumeric()) {
          return; // an array operand (a helper's): its elements are not scanned
        }
        numbers.add(IrExpressions.primal(v).text());
      }
      String args = String.join(", ", numbers);
      // one or two operands as they are; more (a call's arguments) in an array
      out.add(
          "if ($L) $T.forward($L, $S, $L);\n",
          flag(),
          CHECKS,
          target.name(),
          where,
          numbers.size() == 1 || numbers.size() == 2 ? args : "new double[] {" + args + "}");
    }
  }

  /** After the reverse sweep set {@code adjoint}, {@code operand}'s share of {@code from}. */
  void afterReverse(
      CodeBlock.Builder out,
      String adjoint,
      String operation,
      String operand,
      String from,
      Origin origin) {
    if (!enabled) {
      return;
    }
    out.add(
        "if ($L) $T.reverse($L, $S, $S, $L);\n",
        flag(),
        CHECKS,
        adjoint,
        origin + ": " + operation,
        operand,
        from);
  }

  /**
   * After the reverse sweep wrote {@code adjoint}, the scalar adjoint of {@code operand}, at {@code
   * origin}: the first write that is not finite is where the gradient went wrong (a forwarded share
   * is checked where it is written).
   */
  void afterScalarReverse(CodeBlock.Builder out, String adjoint, String operand, Origin origin) {
    if (!enabled) {
      return;
    }
    out.add(
        "if ($L) $T.reverse($L, $S, $S);\n", flag(), CHECKS, adjoint, origin.toString(), operand);
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
  CodeBlock declaration() {
    return flag == null
        ? CodeBlock.of("")
        : CodeBlock.of(
            "boolean $L = $T.isEnabled(); // anomaly checks: read once per call\n",
            flag,
            ANOMALY_MODE);
  }

  private String flag() {
    if (flag == null) {
      flag = names.fresh("anomalies");
    }
    return flag;
  }
}
