package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * {@code throw exception; // comment}.
 *
 * @param exception the exception thrown
 * @param comment the trailing comment, or {@code null}
 */
public record Throw(JavaExpr exception, String comment) implements Stmt {
  /** {@code throw exception;}, without a comment. */
  public Throw(JavaExpr exception) {
    this(exception, null);
  }
}
