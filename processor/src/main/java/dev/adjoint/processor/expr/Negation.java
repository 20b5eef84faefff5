package dev.adjoint.processor.expr;

import java.util.List;

/** {@code -operand}. */
public record Negation(JavaExpr operand) implements JavaExpr {
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
    // never --x
    return "-"
        + (operand.precedence() >= JavaExpr.UNARY && operand.leadingMinus()
            ? "(" + operand.code() + ")"
            : operand.at(JavaExpr.UNARY));
  }

  @Override
  public boolean leadingMinus() {
    return true;
  }
}
