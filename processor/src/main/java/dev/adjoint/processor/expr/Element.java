package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** {@code array[index]}. */
public record Element(JavaExpr array, JavaExpr index) implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(array, index);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L[$L]", array.at(JavaExpr.ATOM, naming), index.write(naming));
  }
}
