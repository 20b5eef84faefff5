package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.ElementwiseRules;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The tape's record of an {@link ElementwiseOp}: its derivative is {@link ElementwiseRules}
 * evaluated with {@link TapeAlgebra}, the same rule the annotation processor turns into source. It
 * keeps its operands and result, but checks the versions of only those its rules read ({@link
 * RuleDependencies}).
 */
final class ElementwiseNode extends Node {
  private final ElementwiseOp op;

  ElementwiseNode(ElementwiseOp op, String name, Node[] next, Tensor[] args, Tensor y) {
    super(name, next);
    this.op = op;
    Tensor[] saved = Arrays.copyOf(args, args.length + 1);
    saved[args.length] = y;
    // operand k is bit k in both masks (x = 1, w = 2); the result is RESULT there, bit arity here
    int values = RuleDependencies.needed(op, next);
    int checked = values & 3;
    if ((values & RuleDependencies.RESULT) != 0) {
      checked |= 1 << args.length;
    }
    save(saved, checked);
  }

  @Override
  Tensor[] apply(Tensor g) {
    int arity = next.length;
    Tensor[] args = new Tensor[arity];
    for (int k = 0; k < arity; k++) {
      args[k] = saved(k);
    }
    Tensor y = saved(arity);
    List<Tensor> operands = Arrays.asList(args);
    Tensor[] grads = new Tensor[arity];
    for (int i = 0; i < arity; i++) {
      if (next[i] != null) {
        grads[i] = ElementwiseRules.partial(op, TapeAlgebra.INSTANCE, operands, y, g, i);
      }
    }
    return grads;
  }
}
