package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** {@code operand++} or {@code operand--}: the value before the step, the variable stepped. */
public record Postfix(JavaExpr operand, String operator) implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(operand);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L$L", operand.at(JavaExpr.ATOM, naming), operator);
  }
}
