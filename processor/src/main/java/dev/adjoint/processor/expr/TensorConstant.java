package dev.adjoint.processor.expr;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A tensor algebra's constant, {@code algebra.constant(number)}: a Java number that does not widen
 * a {@code float32} tensor. Its value is the number's, so that arithmetic on constants folds at
 * build time.
 */
public record TensorConstant(JavaExpr algebra, JavaExpr number) implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.ATOM;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(algebra, number);
  }

  @Override
  public String code() {
    return algebra.at(JavaExpr.ATOM) + ".constant(" + number.code() + ")";
  }

  @Override
  public OptionalDouble constant() {
    return number.constant();
  }
}
