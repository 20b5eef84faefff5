package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;
import java.util.List;

/**
 * {@code while (condition) { // comment} body {@code }}.
 *
 * @param condition the loop's test
 * @param body the statements of a pass
 * @param comment the comment after the opening brace, or {@code null}
 */
public record While(JavaExpr condition, List<Stmt> body, String comment) implements Stmt {
  public While {
    body = List.copyOf(body);
  }
}
