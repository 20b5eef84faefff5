package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;

/**
 * A local the generated code declares before the block that first sets it, so that statements after
 * the block (and the reverse sweep) can read it: {@code type name = initial;}.
 */
record Declaration(LocalType type, SweepLocal local, JavaExpr initial) {
  /** The local's name. */
  String name() {
    return local.name();
  }

  /** The declaration statement, with {@code comment}. */
  Stmt code(String comment) {
    return new Define(type, local.name(), initial, comment);
  }
}
