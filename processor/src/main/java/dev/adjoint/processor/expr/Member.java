package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** {@code target.field}, as {@code a.length}. */
public record Member(JavaExpr target, String field) implements JavaExpr {
  @Override
  public List<JavaExpr> operands() {
    return List.of(target);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L.$L", target.at(JavaExpr.ATOM, naming), field);
  }
}
