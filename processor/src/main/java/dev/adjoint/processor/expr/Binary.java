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
    // in code, JavaPoet may break a line too long before the operator, as google-java-format does
    return CodeBlock.of(
        naming == TypeNaming.IMPORTED ? "$L$W$L $L" : "$L $L $L",
        left.at(precedence, naming),
        operator,
        right.at(precedence + 1, naming));
  }

  @Override
  public boolean leadingMinus() {
    return left.precedence() >= precedence && left.leadingMinus();
  }
}
