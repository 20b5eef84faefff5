package dev.adjoint.processor.diff;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import java.util.List;

/**
 * The code one sweep writes for one top-level statement of the method (or for the sweep's own
 * preamble or tail), the unit in which the sweeps are split into methods: a chunk's locals inside
 * its blocks stay local to it, and {@link #declares} are the ones it declares at the top level,
 * which later chunks may read.
 *
 * @param code the statements
 * @param weight an estimate of its bytecode, counted from the IR: the IR nodes it comes from (see
 *     {@link #weightOf})
 * @param declares the locals it declares at the top level
 * @param origin the source line it comes from (its top-level statement's first line)
 */
public record SweepChunk(CodeBlock code, int weight, List<SweepLocal> declares, Origin origin) {
  public SweepChunk {
    declares = List.copyOf(declares);
  }

  /**
   * The weight of the code a sweep writes for {@code node}: one per IR node in it, three per node
   * inside a loop. Each node is one three-address statement forward and a few backward; inside a
   * loop, the forward sweep also saves what it overwrites on the tape and the reverse sweep
   * restores it, which measured about three times the bytecode per node. So the bytecode of a chunk
   * is roughly proportional to its weight (see {@link Adjoint#ONE_METHOD_WEIGHT}).
   */
  static int weightOf(Node node) {
    return weightOf(node, 1);
  }

  private static int weightOf(Node node, int perNode) {
    return switch (node) {
      case Node.If branch ->
          perNode + weightOf(branch.thenBranch(), perNode) + weightOf(branch.elseBranch(), perNode);
      case Node.While loop ->
          perNode + weightOf(loop.condition(), IN_LOOP) + weightOf(loop.body(), IN_LOOP);
      default -> perNode;
    };
  }

  /** The weight of a node inside a loop. */
  private static final int IN_LOOP = 3;

  private static int weightOf(List<Node> nodes, int perNode) {
    int weight = 0;
    for (Node node : nodes) {
      weight += weightOf(node, perNode);
    }
    return weight;
  }
}
