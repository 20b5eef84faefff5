package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import dev.adjoint.runtime.rules.ElementwiseOp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan for squared terms with a coefficient, {@code c·a·a} (as Java groups it, {@code (c·a)·a})
 * where the factor {@code u = c·a} is read by nothing else. Reverse mode would add {@code g·(c·a)}
 * and {@code (g·a)·c} to {@code da} in two steps; both are {@code g·(c·a)}, so one update {@code
 * 2·(g·(c·a))} does it (one rounding apart), reading the forward's own {@code c·a}. Such terms are
 * common in losses and penalties ({@code 100·a·a}; {@code 0.5·k·x·x} is {@code (0.5·k)·x·x}).
 *
 * @param factorOf each product {@code t = u·a}, with its factor {@code u}
 * @param factors the statements {@code u = c·a}: their share is added with the product's
 */
record ScaledSquares(Map<Node.Apply, Value.Var> factorOf, Set<Node> factors) {
  ScaledSquares {
    factorOf = Map.copyOf(factorOf);
    factors = Set.copyOf(factors);
  }

  /** The scaled squares of {@code body}, nested blocks included. */
  static ScaledSquares plan(List<Node> body, Activity activity, UseCounts uses) {
    Map<Node.Apply, Value.Var> factorOf = new HashMap<>();
    Set<Node> factors = new HashSet<>();
    find(body, activity, uses, factorOf, factors);
    return new ScaledSquares(factorOf, factors);
  }

  /** The operand of {@code product} that is not {@code factor}: the {@code a} of {@code u·a}. */
  static Value otherOperand(Node.Apply product, Value.Var factor) {
    return product.args().get(0).equals(factor) ? product.args().get(1) : product.args().get(0);
  }

  private static void find(
      List<Node> nodes,
      Activity activity,
      UseCounts uses,
      Map<Node.Apply, Value.Var> factorOf,
      Set<Node> factors) {
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      switch (node) {
        case Node.If branch -> {
          find(branch.thenBranch(), activity, uses, factorOf, factors);
          find(branch.elseBranch(), activity, uses, factorOf, factors);
        }
        case Node.While loop -> find(loop.body(), activity, uses, factorOf, factors);
        default -> {
          if (i > 0
              && node instanceof Node.Apply product
              && nodes.get(i - 1) instanceof Node.Apply scale
              && isScaledSquare(product, scale, activity, uses)) {
            factorOf.put(product, scale.targetVar());
            factors.add(scale);
          }
        }
      }
    }
  }

  private static boolean isScaledSquare(
      Node.Apply product, Node.Apply scale, Activity activity, UseCounts uses) {
    if (product.op() != ElementwiseOp.MULTIPLY
        || scale.op() != ElementwiseOp.MULTIPLY
        || !activity.isActive(product.targetVar())
        || !product.args().contains(scale.targetVar())
        || product.args().get(0).equals(product.args().get(1))
        || uses.readsOf(scale.targetVar()) != 1
        || uses.definitionsOf(scale.targetVar()) != 1
        || scale.targetVar().type() != product.targetVar().type()) {
      return false;
    }
    Value a = otherOperand(product, scale.targetVar());
    List<Value> scaleArgs = scale.args();
    boolean constantTimesA =
        scaleArgs.get(0) instanceof Value.Const && scaleArgs.get(1).equals(a)
            || scaleArgs.get(1) instanceof Value.Const && scaleArgs.get(0).equals(a);
    return constantTimesA && a instanceof Value.Var && activity.isActive(a);
  }
}
