package dev.adjoint.processor.expr;

import java.util.List;

/** {@code (parameters) -> body}. */
public record Lambda(List<String> parameters, JavaExpr body) implements JavaExpr {
  public Lambda {
    parameters = List.copyOf(parameters);
  }

  @Override
  public int precedence() {
    return JavaExpr.LAMBDA;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(body);
  }

  @Override
  public String code() {
    String head =
        parameters.size() == 1 ? parameters.get(0) : "(" + String.join(", ", parameters) + ")";
    return head + " -> " + body.code();
  }
}
