package dev.adjoint.processor.diff;

import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Node;
import dev.adjoint.processor.ir.Value;
import java.util.List;

/**
 * What the build knows of a tensor's lifetime that the tape cannot: whether the result of an
 * operation is dead once the reverse sweep has run that operation's step, so that the step may
 * write its operand's adjoint over the result's elements instead of making a new tensor.
 */
final class TensorLifetimes {
  private TensorLifetimes() {}

  /**
   * Whether the result of {@code apply} is dead, elements and all, once the reverse sweep has run
   * {@code apply}'s step: the operation runs once (at the top level of the method, its result
   * defined nowhere else), and every reader of the result is an operation that makes a new tensor.
   * Then the result is not returned, no alias of it (a view, a copy of the reference, a detached
   * tensor, a value a called method keeps) outlives the readers, and the readers' steps, which read
   * it, have all run before this one (the sweep runs in reverse order). The operations before it,
   * whose steps follow, cannot read it.
   */
  static boolean resultDeadAfterItsStep(IrFunction function, Node.TensorApply apply) {
    if (!function.body().contains(apply)) {
      return false; // in a loop or a branch: a result per pass, kept on the tape
    }
    Value.Var result = apply.targetVar();
    int[] definitions = {0};
    boolean[] escapes = {false};
    scan(function.body(), result, definitions, escapes);
    return definitions[0] == 1 && !escapes[0];
  }

  private static void scan(List<Node> nodes, Value.Var v, int[] definitions, boolean[] escapes) {
    for (Node node : nodes) {
      switch (node) {
        case Node.If branch -> {
          scan(branch.thenBranch(), v, definitions, escapes);
          scan(branch.elseBranch(), v, definitions, escapes);
        }
        case Node.While loop -> {
          scan(loop.condition(), v, definitions, escapes);
          scan(loop.body(), v, definitions, escapes);
        }
        default -> {}
      }
      if (node.target().filter(v::equals).isPresent()) {
        definitions[0]++;
      }
      if (ActivityAnalysis.operands(node).contains(v) && !makesANewTensor(node)) {
        escapes[0] = true;
      }
    }
  }

  private static boolean makesANewTensor(Node node) {
    if (!(node instanceof Node.TensorApply apply)) {
      return false; // a copy, a detach, a call, a return: the tensor lives on under another name
    }
    return apply.primitive().makesNewTensor();
  }
}
