package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;

/** A string constant, written by JavaPoet ({@code $S}) with the escapes it needs. */
public record StringLiteral(String value) implements JavaExpr {
  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$S", value);
  }
}
