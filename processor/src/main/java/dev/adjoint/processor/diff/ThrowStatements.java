package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.primal;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward sweep's {@code throw} and {@code assert} statements ({@link Node.Throw}): written as
 * the source wrote them, the values its message shows by their primal names. The reverse sweep has
 * nothing to undo: a call that throws never reaches it.
 */
final class ThrowStatements {
  private ThrowStatements() {}

  /** {@code throw new E(message);} or {@code assert condition : message;}. */
  static CodeBlock forward(Node.Throw failure) {
    CodeBlock message = message(failure.message());
    if (failure.asserted().isPresent()) {
      CodeBlock condition = primal(failure.asserted().get()).code();
      return failure.message().isEmpty()
          ? CodeBlock.of("assert $L; // $L\n", condition, failure.origin())
          : CodeBlock.of("assert $L : $L; // $L\n", condition, message, failure.origin());
    }
    return CodeBlock.of(
        "throw new $T($L); // $L\n", failure.exception(), message, failure.origin());
  }

  /** The message's parts joined by {@code +}: text as string literals, values by name. */
  private static CodeBlock message(List<Node.Throw.MessagePart> parts) {
    List<CodeBlock> pieces = new ArrayList<>();
    for (Node.Throw.MessagePart part : parts) {
      pieces.add(
          part.shown().isPresent()
              ? primal(part.value()).at(JavaExpr.ADDITIVE + 1)
              : CodeBlock.of("$S", part.text()));
    }
    return CodeBlock.join(pieces, " + ");
  }
}
