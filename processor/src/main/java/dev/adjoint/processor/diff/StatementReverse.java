package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.stmt.StmtBuilder;

/**
 * Writes the reverse of one statement ({@link ReverseStatements#reverseStatement}), for the
 * statements of a branch arm or a loop pass that {@link LoopReverse} walks backwards.
 */
@FunctionalInterface
interface StatementReverse {
  void reverse(Node node, StmtBuilder out, int depth, boolean inLoop);
}
