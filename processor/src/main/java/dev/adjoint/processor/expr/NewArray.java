package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * {@code new elementType[length]}: an array of zeros. The element type is a primitive or an array
 * of them ({@code $T} writes its keywords).
 */
public record NewArray(TypeName elementType, JavaExpr length) implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(length);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("new $T[$L]", elementType, length.write(naming));
  }
}
