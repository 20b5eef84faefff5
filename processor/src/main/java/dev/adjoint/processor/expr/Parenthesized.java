package dev.adjoint.processor.expr;

import java.util.List;

/** {@code (inner)}, where Java does not need the parentheses but the reader does. */
public record Parenthesized(JavaExpr inner) implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.ATOM;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(inner);
  }

  @Override
  public String code() {
    return "(" + inner.code() + ")";
  }
}
