package dev.adjoint.processor.expr;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** {@code new Type(arguments)}, the type as {@code $T}. */
public record NewInstance(ClassName type, List<JavaExpr> arguments) implements JavaExpr {
  public NewInstance {
    arguments = List.copyOf(arguments);
  }

  @Override
  public List<JavaExpr> operands() {
    return arguments;
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of(
        "new $L($L)", new TypeRef(type).write(naming), JavaExpr.list(arguments, naming));
  }
}
