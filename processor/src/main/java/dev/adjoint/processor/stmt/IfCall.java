package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code if (condition) call;}: one call under a test, on one line without braces (the anomaly
 * checks, guarded by their flag).
 *
 * @param condition the test
 * @param call the expression run when it holds
 */
public record IfCall(JavaExpr condition, JavaExpr call) implements Stmt {
  /** None: the line is code only. */
  @Override
  public String comment() {
    return null;
  }
}
