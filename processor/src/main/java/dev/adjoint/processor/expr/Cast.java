package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * {@code (type) operand}: a numeric conversion. The type is a primitive ({@code $T} writes its
 * keyword).
 */
public record Cast(TypeName type, JavaExpr operand) implements JavaExpr {
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
    return CodeBlock.of("($T) $L", type, operand.at(JavaExpr.UNARY, naming));
  }
}
