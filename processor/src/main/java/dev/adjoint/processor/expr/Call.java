package dev.adjoint.processor.expr;

import java.util.List;
import java.util.stream.Collectors;

/** {@code target.method(arguments)}. */
public record Call(JavaExpr target, String method, List<JavaExpr> arguments) implements JavaExpr {
  public Call {
    arguments = List.copyOf(arguments);
  }

  @Override
  public int precedence() {
    return JavaExpr.ATOM;
  }

  @Override
  public List<JavaExpr> operands() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(target), arguments.stream())
        .toList();
  }

  @Override
  public String code() {
    return target.at(JavaExpr.ATOM)
        + "."
        + method
        + arguments.stream().map(JavaExpr::code).collect(Collectors.joining(", ", "(", ")"));
  }
}
