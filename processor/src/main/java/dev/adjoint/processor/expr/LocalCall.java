package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * {@code method(arguments)}, unqualified: a method of the class being written (a generated pullback
 * of the same class).
 */
public record LocalCall(String method, List<JavaExpr> arguments) implements JavaExpr {
  public LocalCall {
    arguments = List.copyOf(arguments);
  }

  @Override
  public List<JavaExpr> operands() {
    return arguments;
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L($L)", method, JavaExpr.list(arguments, naming));
  }
}
