package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** {@code condition ? ifTrue : ifFalse}. */
public record Conditional(JavaExpr condition, JavaExpr ifTrue, JavaExpr ifFalse)
    implements JavaExpr {
  @Override
  public int precedence() {
    return JavaExpr.CONDITIONAL;
  }

  @Override
  public List<JavaExpr> operands() {
    return List.of(condition, ifTrue, ifFalse);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return CodeBlock.of(
        "$L ? $L : $L",
        condition.write(naming),
        ifTrue.at(JavaExpr.CONDITIONAL + 1, naming),
        ifFalse.at(JavaExpr.CONDITIONAL, naming));
  }

  @Override
  public boolean leadingMinus() {
    return condition.leadingMinus();
  }
}
