package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Origin;
import dev.adjoint.processor.stmt.Stmt;
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
public record SweepChunk(List<Stmt> code, int weight, List<SweepLocal> declares, Origin origin) {
  public SweepChunk {
    code = List.copyOf(code);
    declares = List.copyOf(declares);
  }

  /**
   * The weight of the code a sweep writes for {@code node}: one per IR node in it, three per node
   * inside a loop, and two more per floating-point value with anomaly checks ({@code checked}).
   * Each node is one three-address statement forward and a few backward; inside a loop, the forward
   * sweep also saves what it overwrites on the tape and the reverse sweep restores it, which
   * measured about three times the bytecode per node; the checks add a test after each such value,
   * in or out of a loop (the checked straight-line sweeps measured 2.6 times the plain ones). So
   * the bytecode of a chunk is roughly proportional to its weight (see {@link
   * Adjoint#ONE_METHOD_WEIGHT}).
   */
  static int weightOf(Node node, boolean checked) {
    return weightOf(node, checked, false);
  }

  private static int weightOf(Node node, boolean checked, boolean inLoop) {
    int weight = (inLoop ? IN_LOOP : 1) + (checked && checkedValue(node) ? CHECKED : 0);
    return switch (node) {
      case Node.If branch ->
          weight
              + weightOf(branch.thenBranch(), checked, inLoop)
              + weightOf(branch.elseBranch(), checked, inLoop);
      case Node.While loop ->
          weight + weightOf(loop.condition(), checked, true) + weightOf(loop.body(), checked, true);
      default -> weight;
    };
  }

  /** Whether anomaly checks test the value {@code node} defines: floating-point ones only. */
  private static boolean checkedValue(Node node) {
    return node.target().map(v -> v.type().carriesDerivative()).orElse(false);
  }

  /** The weight of a node inside a loop, without checks. */
  private static final int IN_LOOP = 3;

  /** What anomaly checks add to the weight of a node. */
  private static final int CHECKED = 2;

  private static int weightOf(List<Node> nodes, boolean checked, boolean inLoop) {
    int weight = 0;
    for (Node node : nodes) {
      weight += weightOf(node, checked, inLoop);
    }
    return weight;
  }
}
