package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;

/** {@code new elementType[] {elements}}: an array holding the given values. */
public record ArrayOf(TypeName elementType, List<JavaExpr> elements) implements JavaExpr {
  public ArrayOf {
    elements = List.copyOf(elements);
  }

  @Override
  public List<JavaExpr> operands() {
    return elements;
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of(
        "new $L[] {$L}", TypeRef.write(elementType, naming), JavaExpr.list(elements, naming));
  }
}
