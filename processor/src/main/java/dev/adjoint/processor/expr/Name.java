package dev.adjoint.processor.expr;

import java.util.List;

/** {@code name}. */
public record Name(String identifier) implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.ATOM;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of();
  }

  @Override
  public String code() {
    return identifier;
  }
}
