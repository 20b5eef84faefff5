package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code return value;}.
 *
 * @param value the value returned
 */
public record Return(JavaExpr value) implements Stmt {
  /** None. */
  @Override
  public String comment() {
    return null;
  }
}
