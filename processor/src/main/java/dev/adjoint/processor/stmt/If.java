package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.JavaExpr;
import java.util.List;

/**
 * {@code if (condition) { // comment} then the arm, and {@code } else {} the other arm when it is
 * not empty, then {@code }}.
 *
 * @param condition the test
 * @param thenBody the statements run when it holds
 * @param elseBody the statements run otherwise (none: no {@code else})
 * @param comment the comment after the opening brace, or {@code null}
 */
public record If(JavaExpr condition, List<Stmt> thenBody, List<Stmt> elseBody, String comment)
    implements Stmt {
  public If {
    thenBody = List.copyOf(thenBody);
    elseBody = List.copyOf(elseBody);
  }
}
