package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which statements of a loop body may have the value they overwrote taken back at the start of the
 * reverse pass rather than where the pass undoes them.
 *
 * <p>A pass of {@code x = r*x*(1-x)} is {@code a = r*x; b = 1-x; x = a*b}: the forward sweep pushes
 * the old {@code x} before {@code x = a*b}. The reverse of that product reads {@code a} and {@code
 * b}, not {@code x}'s new value, and nothing later in the body reads {@code x}: so the reverse pass
 * can pop the old {@code x} first and recompute {@code a} and {@code b} from it, instead of storing
 * them too. Popping early must keep the tape's order: every statement between a hoisted one and the
 * end of the prefix either is hoisted too (they are popped last first) or pushes nothing, which
 * {@link LoopPlanner} checks once it knows what is stored.
 */
final class RestoreHoisting {
  private RestoreHoisting() {}

  /**
   * The statements of {@code body}'s prefix (before {@code suffixStart}) whose restore may move to
   * the pass's start: a scalar {@code double} or {@code float} assignment whose reverse does not
   * read its own new value, defined once in the loop, not read later in the body (suffix included),
   * and followed in the prefix only by straight-line statements that push nothing of their own kind
   * (no branches, loops, calls of differentiable methods or array creations).
   *
   * @param definitionsInLoop how often each variable is defined in the loop's condition and body
   * @param readsOwnResult whether a statement's reverse reads the value it defines ({@code exp})
   * @param forbidden statements not to hoist (their early pop would break the tape's order)
   */
  static Set<Node> hoistable(
      List<Node> body,
      int suffixStart,
      Map<Value.Var, Integer> definitionsInLoop,
      Predicate<Node> readsOwnResult,
      Set<Node> forbidden) {
    Set<Node> hoistable = new HashSet<>();
    Map<Value.Var, Integer> readLater = new HashMap<>();
    body.subList(suffixStart, body.size()).forEach(n -> UseCounts.countReads(n, readLater));
    for (int j = suffixStart - 1; j >= 0; j--) {
      Node node = body.get(j);
      if (!straightLine(node)) {
        break;
      }
      Value.Var target = node.target().orElse(null);
      boolean assignment =
          node instanceof Node.Apply || node instanceof Node.Copy || node instanceof Node.Convert;
      if (assignment
          && (target.type() == IrType.DOUBLE || target.type() == IrType.FLOAT)
          && definitionsInLoop.getOrDefault(target, 0) == 1
          && !readLater.containsKey(target)
          && !readsOwnResult.test(node)
          && !forbidden.contains(node)) {
        hoistable.add(node);
      }
      UseCounts.countReads(node, readLater);
    }
    return hoistable;
  }

  /** A statement that pushes at most its target's old value, and undoes without blocks. */
  private static boolean straightLine(Node node) {
    return switch (node) {
      case Node.Apply apply -> true;
      case Node.Copy copy -> !copy.targetVar().type().isArray();
      case Node.Convert convert -> true;
      case Node.Operate operate -> true;
      case Node.Detach detach -> !detach.targetVar().type().isArray();
      case Node.ArrayLoad load -> !load.targetVar().type().isArray();
      case Node.ArrayLength length -> true;
      case Node.ArrayStore store -> true;
      case Node.CallWithDerivative call -> true;
      default -> false;
    };
  }

  /**
   * The hoisted statements of a plan: those of {@code hoistable} from the first one whose old value
   * a recomputed statement before it reads, in the order the reverse pass pops them (last first).
   */
  static List<Node> chosen(List<Node> body, Set<Node> hoistable, List<Node> recomputed) {
    int first = Integer.MAX_VALUE;
    for (Node reader : recomputed) {
      int p = body.indexOf(reader);
      for (Value operand : ActivityAnalysis.operands(reader)) {
        for (int d = p + 1; d < body.size(); d++) {
          Node later = body.get(d);
          if (hoistable.contains(later) && later.target().orElseThrow().equals(operand)) {
            first = Math.min(first, d);
          }
        }
      }
    }
    List<Node> chosen = new ArrayList<>();
    for (int d = body.size() - 1; d >= first; d--) {
      if (hoistable.contains(body.get(d))) {
        chosen.add(body.get(d));
      }
    }
    return List.copyOf(chosen);
  }
}
