package dev.adjoint.processor.stmt;

import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Name;

/**
 * {@code target += value; // comment}, or {@code target -= value} when {@code subtracts}: a
 * contribution added into (or taken from) a local ({@link Name}) or an array element ({@link
 * Element}).
 *
 * @param target the adjoint (or accumulator) updated
 * @param subtracts whether the value is subtracted ({@code -=}) rather than added ({@code +=})
 * @param value the contribution
 * @param comment the trailing comment, or {@code null}
 */
public record Update(JavaExpr target, boolean subtracts, JavaExpr value, String comment)
    implements Stmt {
  public Update {
    checkTarget(target);
  }

  /**
   * An assignment's target is a local, an array element, or a field ({@link Member}: split sweeps'
   * parts copy their locals into the fields the later parts read).
   */
  static void checkTarget(JavaExpr target) {
    if (!(target instanceof Name || target instanceof Element || target instanceof Member)) {
      throw new IllegalArgumentException("not a local, an array element or a field: " + target);
    }
  }
}
