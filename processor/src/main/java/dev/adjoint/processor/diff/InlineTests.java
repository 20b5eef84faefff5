package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.ir.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each loop's test as one expression where {@link InlineLoopTest} finds one, found once: the
 * declarations before a loop, the loop and each of its passes ask.
 */
final class InlineTests {
  private final SweepContext ctx;

  private final Map<Node.While, Optional<JavaExpr>> found = new HashMap<>();

  InlineTests(SweepContext ctx) {
    this.ctx = ctx;
  }

  /** {@code loop}'s test as one expression, or empty where its condition's statements stay. */
  Optional<JavaExpr> of(Node.While loop) {
    return found.computeIfAbsent(
        loop, l -> InlineLoopTest.find(l, ctx.uses, ctx.activity, ctx.loops.needed()));
  }
}
