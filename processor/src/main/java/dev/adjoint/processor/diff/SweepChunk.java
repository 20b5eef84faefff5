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
   * The weight of the code a sweep writes for {@code node}: one per IR node in it, its blocks'
   * included. Each node is one three-address statement forward and a few backward, so the bytecode
   * of a chunk is roughly proportional to it (measured in {@code docs/architecture.md}).
   */
  static int weightOf(Node node) {
    return switch (node) {
      case Node.If branch -> 1 + weightOf(branch.thenBranch()) + weightOf(branch.elseBranch());
      case Node.While loop -> 1 + weightOf(loop.condition()) + weightOf(loop.body());
      default -> 1;
    };
  }

  static int weightOf(List<Node> nodes) {
    int weight = 0;
    for (Node node : nodes) {
      weight += weightOf(node);
    }
    return weight;
  }
}
