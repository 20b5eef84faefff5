package dev.adjoint.processor.expr;

import java.util.List;

/** {@code target.field}, as {@code a.length}. */
public record Member(JavaExpr target, String field) implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.ATOM;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(target);
  }

  @Override
  public String code() {
    return target.at(JavaExpr.ATOM) + "." + field;
  }
}
