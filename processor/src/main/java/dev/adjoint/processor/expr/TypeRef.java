package dev.adjoint.processor.expr;

/** A type that qualifies a static call or constant ({@code Math}, {@code Adjoints}). */
public record TypeRef(String simpleName) implements JavaExpr {
  @Override
  public String code() {
    return simpleName;
  }
}
