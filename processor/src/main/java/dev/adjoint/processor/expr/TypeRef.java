package dev.adjoint.processor.expr;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * A type that qualifies a static call or constant ({@code Math}, {@code Adjoints}); JavaPoet
 * imports it, or writes its qualified name where its simple name is taken.
 */
public record TypeRef(ClassName type) implements JavaExpr {
  @Override
  public CodeBlock write(TypeNaming naming) {
    return naming == TypeNaming.IMPORTED
        ? CodeBlock.of("$T", type)
        : CodeBlock.of("$L", String.join(".", type.simpleNames()));
  }
}
