package dev.adjoint.processor.expr;

/** {@code name}. */
public record Name(String identifier) implements JavaExpr {
  @Override
  public String code() {
    return identifier;
  }
}
