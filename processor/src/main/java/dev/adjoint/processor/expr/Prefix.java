package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
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
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L$L", operator, operand.at(JavaExpr.UNARY, naming));
  }

  @Override
  public boolean leadingMinus() {
    return operator.startsWith("-");
  }
}
