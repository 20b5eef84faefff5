package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves loop-invariant arithmetic ({@code 0.5 * dt}, {@code -k}, {@code dt / 6}) out of loops, to
 * just before them: the forward sweep then computes it once rather than once a pass, the reverse
 * passes neither recompute nor store it, and its adjoint sums the passes' contributions and is
 * propagated to its operands once, after the loop's reverse sweep.
 *
 * <p>A statement of a loop body (its top level; inner loops are treated first, so what leaves them
 * may leave the enclosing loop too) moves when it is floating-point arithmetic on constants and
 * variables the loop never assigns, its variable is assigned nowhere else in the method and is not
 * read earlier in the body or in the condition. Floating-point arithmetic cannot throw, so running
 * it once before a loop that makes no pass changes nothing but time; array reads and calls, which
 * can throw or differ from pass to pass, stay.
 */
final class LoopInvariants {
  private LoopInvariants() {}

  /** {@code function} with its loop-invariant statements moved before their loops. */
  static IrFunction apply(IrFunction function) {
    Map<Value.Var, Integer> definitions = new HashMap<>();
    function.body().forEach(n -> UseCounts.countDefinitions(n, definitions));
    List<Node> body = block(function.body(), definitions);
    if (body.equals(function.body())) {
      return function;
    }
    return new IrFunction(
        function.name(),
        function.resultRecord(),
        function.parameters(),
        function.returnType(),
        function.receiverClass(),
        body,
        function.fieldLeaves());
  }

  private static List<Node> block(List<Node> nodes, Map<Value.Var, Integer> definitions) {
    List<Node> out = new ArrayList<>();
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch ->
            out.add(
                new Node.If(
                    branch.condition(),
                    block(branch.thenBranch(), definitions),
                    block(branch.elseBranch(), definitions),
                    branch.origin()));
        case Node.While loop -> {
          List<Node> body = new ArrayList<>(block(loop.body(), definitions));
          out.addAll(hoist(loop.condition(), body, definitions));
          out.add(new Node.While(loop.condition(), loop.test(), body, loop.origin()));
        }
        default -> out.add(node);
      }
    }
    return out;
  }

  /** Takes the invariant statements out of {@code body}, in order, and returns them. */
  private static List<Node> hoist(
      List<Node> condition, List<Node> body, Map<Value.Var, Integer> definitions) {
    List<Node> hoisted = new ArrayList<>();
    boolean moved = true;
    while (moved) {
      moved = false;
      Map<Value.Var, Integer> inLoop = new HashMap<>();
      condition.forEach(n -> UseCounts.countDefinitions(n, inLoop));
      body.forEach(n -> UseCounts.countDefinitions(n, inLoop));
      Map<Value.Var, Integer> readSoFar = new HashMap<>();
      condition.forEach(n -> UseCounts.countReads(n, readSoFar));
      for (int j = 0; j < body.size() && !moved; j++) {
        Node node = body.get(j);
        if (invariant(node, inLoop, definitions)
            && !readSoFar.containsKey(node.target().orElseThrow())) {
          hoisted.add(body.remove(j));
          moved = true; // what reads it may be invariant now: look again
        }
        UseCounts.countReads(node, readSoFar);
      }
    }
    return hoisted;
  }

  private static boolean invariant(
      Node node, Map<Value.Var, Integer> inLoop, Map<Value.Var, Integer> definitions) {
    boolean arithmetic =
        node instanceof Node.Apply
            || node instanceof Node.Convert
            || node instanceof Node.Copy copy && !copy.targetVar().type().isArray();
    if (!arithmetic) {
      return false;
    }
    Value.Var target = node.target().orElseThrow();
    boolean floating = target.type() == IrType.DOUBLE || target.type() == IrType.FLOAT;
    return floating
        && definitions.getOrDefault(target, 0) == 1
        && ActivityAnalysis.operands(node).stream()
            .allMatch(v -> !(v instanceof Value.Var var) || !inLoop.containsKey(var));
  }
}
