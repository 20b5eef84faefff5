package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Node;
import java.util.List;

/**
 * Writes the reverse of one pass of a fused loop's {@code prefix} ({@link LoopReverse#undoPass}),
 * which the forward sweep puts inside the loop, right after the pass.
 */
@FunctionalInterface
interface FusedPassReverse {
  void undo(Node.While loop, List<Node> prefix, CodeBlock.Builder out, int depth);
}
