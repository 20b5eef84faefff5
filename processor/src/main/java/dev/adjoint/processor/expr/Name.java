package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;

/** {@code name}. */
public record Name(String identifier) implements JavaExpr {
  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L", identifier);
  }
}
