package dev.adjoint.processor.diff;

import static dev.adjoint.processor.diff.IrExpressions.primal;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.NewInstance;
import dev.adjoint.processor.expr.StringLiteral;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.stmt.Assert;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import java.util.List;

/**
 * The forward sweep's {@code throw} and {@code assert} statements ({@link Node.Throw}): written as
 * the source wrote them, the values its message shows by their primal names. The reverse sweep has
 * nothing to undo: a call that throws never reaches it.
 */
final class ThrowStatements {
  private ThrowStatements() {}

  /** {@code throw new E(message);} or {@code assert condition : message;}. */
  static Stmt forward(Node.Throw failure) {
    JavaExpr message = message(failure.message());
    String comment = failure.origin().toString();
    if (failure.asserted().isPresent()) {
      return new Assert(primal(failure.asserted().get()), message, comment);
    }
    List<JavaExpr> arguments = message == null ? List.of() : List.of(message);
    return new Throw(new NewInstance(failure.exception(), arguments), comment);
  }

  /**
   * The message's parts joined by {@code +}, left to right as Java joins them: text as string
   * literals, values by their primal names; {@code null} for none.
   */
  private static JavaExpr message(List<Node.Throw.MessagePart> parts) {
    JavaExpr joined = null;
    for (Node.Throw.MessagePart part : parts) {
      JavaExpr piece =
          part.shown().isPresent() ? primal(part.value()) : new StringLiteral(part.text());
      joined = joined == null ? piece : new Binary(joined, "+", piece, JavaExpr.ADDITIVE);
    }
    return joined;
  }
}
