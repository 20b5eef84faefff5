package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;
import java.util.List;

/**
 * {@code for (int pass = passes; pass > 0; pass--) { // comment} body {@code }}: the reverse
 * sweep's run over a loop's passes, the last first.
 *
 * @param counter the pass, counting down from {@code passes} to 1
 * @param passes how many passes the forward sweep ran
 * @param body the reverse of one pass
 * @param comment the comment after the opening brace, or {@code null}
 */
public record ReverseFor(String counter, JavaExpr passes, List<Stmt> body, String comment)
    implements Stmt {
  public ReverseFor {
    body = List.copyOf(body);
  }
}
