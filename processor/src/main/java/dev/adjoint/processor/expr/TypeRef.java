package dev.adjoint.processor.expr;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;

/**
 * A type that qualifies a static call or constant ({@code Math}, {@code Adjoints}); JavaPoet
 * imports it, or writes its qualified name where its simple name is taken.
 */
public record TypeRef(ClassName type) implements JavaExpr {
  @Override
  public CodeBlock write(TypeNaming naming) {
    return write(type, naming);
  }

  /**
   * {@code type} as {@code naming} says: as {@code $T}, or by its simple names (a primitive by its
   * keyword, an array by its element's name and {@code []}).
   */
  public static CodeBlock write(TypeName type, TypeNaming naming) {
    if (naming == TypeNaming.IMPORTED) {
      return CodeBlock.of("$T", type);
    }
    return switch (type) {
      case ClassName c -> CodeBlock.of("$L", String.join(".", c.simpleNames()));
      case ArrayTypeName a -> CodeBlock.of("$L[]", write(a.componentType(), naming));
      default -> CodeBlock.of("$L", type);
    };
  }
}
