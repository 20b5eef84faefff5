package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorAlgebra;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.rules.TensorRules;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * What adjoints generated for {@code Tensor} code call at run time. The generated code knows the
 * whole computation when it is compiled, so it needs no tape: it runs the forward sweep with
 * recording off, then writes each rule's contribution directly, and hands each leaf its gradient
 * the way {@code loss.backward()} does. Everything numeric here is what the dynamic tape itself
 * runs, so the two engines compute the same numbers.
 */
public final class Adjoints {
  private Adjoints() {}

  /**
   * The algebra elementwise rules are evaluated with in generated code: tensor operations, as the
   * tape's backward evaluates them.
   */
  public static TensorAlgebra<Tensor> algebra() {
    return TapeAlgebra.INSTANCE;
  }

  /**
   * {@code accumulated + contribution}, where {@code null} stands for a zero adjoint (one that
   * nothing has contributed to yet, or the copy of one). Never in place: adjoints may alias each
   * other (the contribution of {@code x + w} to both operands is the same tensor).
   */
  public static Tensor add(Tensor accumulated, Tensor contribution) {
    if (accumulated == null || contribution == null) {
      return accumulated == null ? contribution : accumulated;
    }
    return TapeAlgebra.INSTANCE.add(accumulated, contribution);
  }

  /**
   * Operand {@code i}'s share of the adjoint {@code g} of {@code y = op(operands)}: {@link
   * TensorRules} evaluated on tensors, exactly as the tape's node for {@code op} does.
   */
  public static Tensor partial(
      TensorOp op, OpParams params, Tensor y, Tensor g, int i, Tensor... operands) {
    return TensorOpNode.partial(op, params, Arrays.asList(operands), y, g, i);
  }

  /**
   * Adds each {@code gradients[i]} into {@code leaves[i].grad()}, for the leaves that require grad
   * (a copy the first time, in place afterwards, as the tape's {@code AccumulateGrad}), except that
   * a gradient the generated code computed and holds alone becomes the leaf's {@code .grad()} as it
   * is, without the copy the tape makes.
   *
   * <p>Why that is safe: every adjoint of a generated sweep derives from the seed, so it is either
   * a tensor the sweep allocated or a view of the seed or of another adjoint; none outlives the
   * call. A gradient is adopted when its storage is shared neither with the seed (the caller's) nor
   * with any other gradient of the call (adjoints of {@code x + y} are one tensor), and it is laid
   * out exactly like the leaf. The leaf's later accumulations then change it in place, which
   * nothing else sees.
   *
   * @param seed the seed the caller passed, or null
   */
  public static void accumulateGrads(Tensor seed, Tensor[] leaves, Tensor[] gradients) {
    for (int i = 0; i < leaves.length; i++) {
      Tensor leaf = leaves[i];
      Tensor g = gradients[i];
      if (g == null || !leaf.requiresGrad()) {
        continue;
      }
      if (leaf.grad() == null && adoptable(g, leaf, seed, gradients, i)) {
        leaf.autogradMeta().setGrad(g);
      } else {
        AccumulateGrad.into(leaf, g);
      }
    }
  }

  private static boolean adoptable(
      Tensor g, Tensor leaf, Tensor seed, Tensor[] gradients, int index) {
    if (g.isWrappedNumber()
        || !g.isContiguous()
        || g.offset() != 0
        || g.storage().size() != g.numel()
        || g.dtype() != leaf.dtype()
        || !Arrays.equals(g.shape(), leaf.shape())
        || seed != null && seed.storage() == g.storage()) {
      return false;
    }
    for (int j = 0; j < gradients.length; j++) {
      if (j != index && gradients[j] != null && gradients[j].storage() == g.storage()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The seed of a backward pass from {@code result}: {@code seed} checked against the result's
   * shape, or, when {@code seed} is null, ones for a one-element result (a larger one needs a
   * seed). The messages are the tape's.
   */
  public static Tensor seed(Tensor result, Tensor seed) {
    return Engine.checkSeed(result, seed);
  }

  /**
   * Whether {@link #seed} accepts {@code seed} for {@code result}: a seed of the result's shape, or
   * none for a one-element result. Generated code whose forward sweep kept values on the {@code
   * Tape} asks first, so that on a mismatch it can still take them off before {@link #seed} throws.
   */
  public static boolean seedFits(Tensor result, Tensor seed) {
    return seed == null ? result.numel() == 1 : Arrays.equals(seed.shape(), result.shape());
  }

  /**
   * The parameters the tape records for a reduction of {@code x} over {@code dims} (all when
   * empty): the dimensions normalised (negative ones count from the end), as {@code Ops} does.
   */
  public static OpParams reduction(Tensor x, int[] dims, boolean keepDim) {
    return OpParams.dims(Shape.normalizeDims("reduction", dims, x.dim()), keepDim);
  }

  /** The parameters {@code {dim}} of an operation along one dimension of {@code x}, normalised. */
  public static OpParams dimension(Tensor x, int dim) {
    return OpParams.ints(Shape.normalizeDim("dimension", dim, x.dim()));
  }

  /** The parameters {@code {d0, d1}} of a transpose of {@code x}, normalised. */
  public static OpParams transposition(Tensor x, int d0, int d1) {
    return OpParams.ints(
        Shape.normalizeDim("transpose", d0, x.dim()), Shape.normalizeDim("transpose", d1, x.dim()));
  }

  /**
   * The parameters of {@code x.t()}: {@code {0, 1}} for a matrix; {@code {0, 0}}, the identity, for
   * fewer dimensions, which {@code t()} returns unchanged.
   */
  public static OpParams matrixTransposition(Tensor x) {
    return x.dim() < 2 ? OpParams.ints(0, 0) : OpParams.ints(0, 1);
  }

  /**
   * Whether {@code leaf} is there and requires grad: generated code computes a gradient only for
   * values that lead to such a leaf, as the tape records only those. (A layer without a bias has a
   * {@code null} one.)
   */
  public static boolean requiresGrad(Tensor leaf) {
    return leaf != null && leaf.requiresGrad();
  }
}
