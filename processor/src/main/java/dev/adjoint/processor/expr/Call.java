package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.stream.Stream;

/** {@code target.method(arguments)}. */
public record Call(JavaExpr target, String method, List<JavaExpr> arguments) implements JavaExpr {
  public Call {
    arguments = List.copyOf(arguments);
  }

  @Override
  public List<JavaExpr> operands() {
    return Stream.concat(Stream.of(target), arguments.stream()).toList();
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of(
        "$L.$L($L)", target.at(JavaExpr.ATOM, naming), method, JavaExpr.list(arguments, naming));
  }
}
