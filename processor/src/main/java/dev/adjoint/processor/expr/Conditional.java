package dev.adjoint.processor.expr;

import java.util.List;

/** {@code condition ? ifTrue : ifFalse}. */
public record Conditional(JavaExpr condition, JavaExpr ifTrue, JavaExpr ifFalse)
    implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.CONDITIONAL;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(condition, ifTrue, ifFalse);
  }

  @Override
  public String code() {
    return condition.code()
        + " ? "
        + ifTrue.at(JavaExpr.CONDITIONAL + 1)
        + " : "
        + ifFalse.at(JavaExpr.CONDITIONAL);
  }

  @Override
  public boolean leadingMinus() {
    return condition.leadingMinus();
  }
}
