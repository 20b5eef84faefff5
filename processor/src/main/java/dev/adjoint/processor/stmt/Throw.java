package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code throw exception;}.
 *
 * @param exception the exception thrown
 */
public record Throw(JavaExpr exception) implements Stmt {
  /** None. */
  @Override
  public String comment() {
    return null;
  }
}
