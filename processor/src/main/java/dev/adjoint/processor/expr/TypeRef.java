package dev.adjoint.processor.expr;

import java.util.List;

/** A type that qualifies a static call or constant ({@code Math}, {@code Adjoints}). */
public record TypeRef(String simpleName) implements JavaExpr {
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
    return simpleName;
  }
}
