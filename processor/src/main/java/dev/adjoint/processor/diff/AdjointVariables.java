package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.defaultValue;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The adjoint variables of one adjoint: each active value's adjoint's name ({@code dX}, fresh),
 * which are declared, and the declarations waiting to be written before the outermost statement
 * being written (an adjoint accumulated inside a block and read after it).
 */
final class AdjointVariables {
  private final Names localNames;

  /** Each value's adjoint's name (an array parameter's is the caller's accumulator). */
  final Map<Value.Var, String> names = new LinkedHashMap<>();

  /** The values whose adjoint is declared (or is a parameter's, or waits in {@link #pending}). */
  final Set<Value.Var> declared = new HashSet<>();

  /** Declarations to write before the outermost statement being written. */
  final List<Stmt> pending = new ArrayList<>();

  /** The names of {@code float} adjoints: reading one needs no narrowing cast. */
  final Set<String> floats = new HashSet<>();

  /** Where the pending declarations are recorded as top-level locals. */
  private final TopLevelLocals topLevel;

  /**
   * @param topLevel the record of the locals declared at the top level, to which each pending
   *     declaration (written before the outermost statement) is added
   */
  AdjointVariables(Names localNames, TopLevelLocals topLevel) {
    this.localNames = localNames;
    this.topLevel = topLevel;
  }

  /** {@code v}'s adjoint variable, {@code dV}, named on first use. */
  String name(Value.Var v) {
    String name =
        names.computeIfAbsent(
            v,
            k ->
                localNames.fresh(
                    "d" + Character.toUpperCase(k.name().charAt(0)) + k.name().substring(1)));
    if (v.type() == IrType.FLOAT) {
      floats.add(name);
    }
    return name;
  }

  /** Declares {@code v}'s adjoint, as 0, before the current outermost statement if need be. */
  void ensureDeclared(Value.Var v, Origin origin) {
    if (v.type().isArray()) {
      // an array's adjoint is the caller's accumulator (parameters) or is created or aliased
      // where the forward sweep defines the array (a local array, a copy, a row), and declared
      // there
      return;
    }
    if (declared.add(v)) {
      pend(v, name(v), origin);
    }
  }

  /**
   * Declares {@code v}'s adjoint {@code name}, 0 (null for a tensor), before the block being
   * written (it is accumulated inside it and read after it).
   */
  void pend(Value.Var v, String name, Origin origin) {
    topLevel.add(SweepLocal.of(v.type(), name));
    pending.add(
        new Define(
            LocalType.of(v.type()),
            name,
            JavaExpr.literal(defaultValue(v.type())),
            origin + ": accumulated in the block below"));
  }

  /** Whether {@code name} is the adjoint of a Java number (not of an array or a tensor). */
  boolean isScalar(String name) {
    for (Map.Entry<Value.Var, String> e : names.entrySet()) {
      if (e.getValue().equals(name)) {
        IrType type = e.getKey().type();
        return !type.isArray() && type != IrType.TENSOR;
      }
    }
    return false;
  }
}
