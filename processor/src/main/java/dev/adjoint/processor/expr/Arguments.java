package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;

/**
 * The {@code OpParams} of an operation's parameters, as the op table's template writes them ({@code
 * OpParams.ints(1)}); they read only primal values. The template names {@code OpParams} by its
 * simple name.
 */
public record Arguments(String text) implements JavaExpr {
  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of("$L", text);
  }
}
