package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;

/**
 * The {@code OpParams} of an operation's parameters, as the op table's template writes them ({@code
 * OpParams.ints(1)}, its types as {@code $T}; {@code text} names them simply); they read only
 * primal values.
 */
public record Arguments(CodeBlock code, String text) implements JavaExpr {
  @Override
  public CodeBlock write(TypeNaming naming) {
    return naming == TypeNaming.IMPORTED ? code : CodeBlock.of("$L", text);
  }
}
