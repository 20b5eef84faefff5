package dev.adjoint.processor.expr;

import java.util.List;

/** A prefix operator other than minus ({@code !b}, {@code ~i}). */
public record Prefix(String operator, JavaExpr operand) implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.UNARY;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(operand);
  }

  @Override
  public String code() {
    return operator + operand.at(JavaExpr.UNARY);
  }

  @Override
  public boolean leadingMinus() {
    return operator.startsWith("-");
  }
}
