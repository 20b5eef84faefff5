package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;
import java.util.List;

/**
 * {@code for (int counter = 0; counter < bound; counter++) { // comment} body {@code }}: a pass
 * over the elements of an array ({@code bound} its length).
 *
 * @param counter the loop's {@code int} counter
 * @param bound the exclusive upper bound
 * @param body the statements of a pass
 * @param comment the comment after the opening brace, or {@code null}
 */
public record CountedFor(String counter, JavaExpr bound, List<Stmt> body, String comment)
    implements Stmt {
  public CountedFor {
    body = List.copyOf(body);
  }
}
