package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Name;

/**
 * {@code target = value; // comment}, where the target is a local ({@link Name}), an array element
 * ({@link Element}) or a field ({@link Member}).
 *
 * @param target what is assigned
 * @param value the value
 * @param comment the trailing comment, or {@code null}
 */
public record Assign(JavaExpr target, JavaExpr value, String comment) implements Stmt {
  public Assign {
    Update.checkTarget(target);
  }
}
