package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A tensor algebra's constant, {@code algebra.constant(number)}: a Java number that does not widen
 * a {@code float32} tensor. Its value is the number's, so that arithmetic on constants folds at
 * build time.
 */
public record TensorConstant(JavaExpr algebra, JavaExpr number) implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(algebra, number);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L.constant($L)", algebra.at(JavaExpr.ATOM, naming), number.write(naming));
  }

  @Override
  public OptionalDouble constant() {
    return number.constant();
  }
}
