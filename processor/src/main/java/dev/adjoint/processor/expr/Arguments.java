package dev.adjoint.processor.expr;

/**
 * Argument text the runtime's op table writes for an operation's parameters ({@code
 * OpParams.of(...)}), which reads only primal values.
 */
public record Arguments(String text) implements JavaExpr {
  @Override
  public String code() {
    return text;
  }
}
