package dev.adjoint.processor.expr;

import java.util.List;

/** {@code array[index]}. */
public record Element(JavaExpr array, JavaExpr index) implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.ATOM;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(array, index);
  }

  @Override
  public String code() {
    return array.at(JavaExpr.ATOM) + "[" + index.code() + "]";
  }
}
