package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
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
  public CodeBlock write(TypeNaming naming) {
    // never --x
    return CodeBlock.of(
        "-$L",
        operand.precedence() >= JavaExpr.UNARY && operand.leadingMinus()
            ? CodeBlock.of("($L)", operand.write(naming))
            : operand.at(JavaExpr.UNARY, naming));
  }

  @Override
  public boolean leadingMinus() {
    return true;
  }
}
