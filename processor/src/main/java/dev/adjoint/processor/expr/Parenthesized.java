package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** {@code (inner)}, where Java does not need the parentheses but the reader does. */
public record Parenthesized(JavaExpr inner) implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(inner);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("($L)", inner.write(naming));
  }
}
