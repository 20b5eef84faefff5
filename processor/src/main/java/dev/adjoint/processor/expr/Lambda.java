package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
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
  public CodeBlock write(TypeNaming naming) {
    String head =
        parameters.size() == 1 ? parameters.get(0) : "(" + String.join(", ", parameters) + ")";
    return CodeBlock.of("$L -> $L", head, body.write(naming));
  }
}
