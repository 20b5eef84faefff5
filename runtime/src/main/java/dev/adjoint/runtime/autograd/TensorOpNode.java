package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.rules.TensorRules;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The tape's record of a {@link TensorOp}: its derivative is {@link TensorRules} evaluated with
 * {@link TapeAlgebra}.
 */
final class TensorOpNode extends Node {
  private final TensorOp op;
  private final OpParams params;

  TensorOpNode(TensorOp op, String name, OpParams params, Node[] next, Tensor[] args, Tensor y) {
    super(name, next);
    this.op = op;
    this.params = params;
    Tensor[] saved = Arrays.copyOf(args, args.length + 1);
    saved[args.length] = y;
    save(saved);
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
        grads[i] = TensorRules.partial(op, TapeAlgebra.INSTANCE, operands, params, y, g, i);
      }
    }
    return grads;
  }
}
