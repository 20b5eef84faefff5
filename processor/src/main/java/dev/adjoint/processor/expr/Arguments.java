package dev.adjoint.processor.expr;

import java.util.List;

/**
 * Argument text the runtime's op table writes for an operation's parameters ({@code
 * OpParams.of(...)}), which reads only primal values.
 */
public record Arguments(String text) implements JavaExpr {
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
    return text;
  }
}
