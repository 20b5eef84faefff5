package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * {@code left operator right}, left-associative: the right operand is parenthesized at equal
 * precedence too, which also keeps floating-point evaluation order exactly as written.
 */
public record Binary(JavaExpr left, String operator, JavaExpr right, int precedence)
    implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(left, right);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of(
        "$L $L $L", left.at(precedence, naming), operator, right.at(precedence + 1, naming));
  }

  @Override
  public boolean leadingMinus() {
    return left.precedence() >= precedence && left.leadingMinus();
  }
}
