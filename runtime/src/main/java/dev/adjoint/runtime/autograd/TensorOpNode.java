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
        grads[i] = partial(op, params, operands, y, g, i);
      }
    }
    return grads;
  }

  /**
   * Operand {@code i}'s share of {@code g}: {@link TensorRules} evaluated with {@link TapeAlgebra},
   * with the matrix product laid out like its operand. Generated adjoints call this too (through
   * {@link Adjoints}), so both engines compute the same numbers.
   */
  static Tensor partial(
      TensorOp op, OpParams params, List<Tensor> operands, Tensor y, Tensor g, int i) {
    Tensor laidOut =
        op == TensorOp.MATMUL ? matmulInLayout(operands.toArray(new Tensor[0]), g, i) : null;
    return laidOut != null
        ? laidOut
        : TensorRules.partial(op, TapeAlgebra.INSTANCE, operands, params, y, g, i);
  }

  /**
   * The matrix product's rule ({@code Ā = Ḡ·Bᵀ}, {@code B̄ = Aᵀ·Ḡ}) for a 2-D operand stored by
   * columns (a transposed view, as {@code Linear}'s {@code weight.t()}), computed as the transpose
   * of {@code (B·Ḡᵀ)} or {@code (Ḡᵀ·A)}: the same numbers, laid out like the operand, so that the
   * transpose's backward hands the weight a contiguous gradient instead of a view to copy element
   * by element. {@code null} where the plain rule applies.
   */
  private static Tensor matmulInLayout(Tensor[] args, Tensor g, int i) {
    Tensor left = args[0];
    Tensor right = args[1];
    Tensor operand = args[i];
    if (left.dim() != 2 || right.dim() != 2 || g.dim() != 2 || !columnMajor(operand)) {
      return null;
    }
    TapeAlgebra a = TapeAlgebra.INSTANCE;
    Tensor gt = a.transpose(g, 0, 1);
    Tensor d = i == 0 ? a.matmul(right, gt) : a.matmul(gt, left);
    return a.transpose(d, 0, 1);
  }

  // a matrix stored by columns (strides (1, ≥ rows)) that is not also stored by rows
  private static boolean columnMajor(Tensor t) {
    int[] shape = t.shape();
    int[] strides = t.strides();
    return shape[0] > 1 && shape[1] > 1 && strides[0] == 1 && strides[1] >= shape[0];
  }
}
