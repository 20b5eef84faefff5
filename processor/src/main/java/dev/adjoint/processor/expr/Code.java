package dev.adjoint.processor.expr;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Code that the op table's templates write, kept as they fill it: the one expression the sweeps do
 * not hold as a tree. It is a filled {@code ir.CodeTemplate} (a tensor operation's forward call,
 * its {@code OpParams}: types as {@code $T}), with the same code as a reader sees it, types by
 * their simple names ({@code text}), and the expressions filled into it ({@code operands}, which
 * {@link #reads} and {@link #count} see), as far as they are known. Nothing is decided from the
 * code itself.
 *
 * @param code the code, types as {@code $T}
 * @param text the code with types by their simple names, for messages
 * @param operands the expressions filled into the template (empty where not tracked)
 */
public record Code(CodeBlock code, String text, List<JavaExpr> operands) implements JavaExpr {
  public Code {
    operands = List.copyOf(operands);
  }

  @Override
  public CodeBlock write(TypeNaming naming) {
    return naming == TypeNaming.IMPORTED ? code : CodeBlock.of("$L", text);
  }
}
