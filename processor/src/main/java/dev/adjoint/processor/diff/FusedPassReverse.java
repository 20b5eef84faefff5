package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.stmt.StmtBuilder;
import java.util.List;

/**
 * Writes the reverse of one pass of a fused loop's {@code prefix} ({@link LoopReverse#undoPass}),
 * which the forward sweep puts inside the loop, right after the pass.
 */
@FunctionalInterface
interface FusedPassReverse {
  void undo(Node.While loop, List<Node> prefix, StmtBuilder out, int depth);
}
