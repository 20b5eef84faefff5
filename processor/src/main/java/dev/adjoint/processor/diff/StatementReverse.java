package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Node;

/**
 * Writes the reverse of one statement ({@link ReverseStatements#reverseStatement}), for the
 * statements of a branch arm or a loop pass that {@link LoopReverse} walks backwards.
 */
@FunctionalInterface
interface StatementReverse {
  void reverse(Node node, CodeBlock.Builder out, int depth, boolean inLoop);
}
