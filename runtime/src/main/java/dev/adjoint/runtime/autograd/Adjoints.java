package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorAlgebra;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.rules.TensorRules;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
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
   * {@code dead.add(other)}, written over the elements of {@code dead} where that gives the same
   * tensor. Generated code passes as {@code dead} a tensor the forward sweep made for this addition
   * alone and whose elements nothing reads afterwards (the reverse sweep reads only its shape): a
   * linear layer's product before its bias. The tape cannot know that of any tensor, so it always
   * makes a new one. The numbers are {@code add}'s (one rounding per element); a new tensor is
   * made, as {@code add} makes it, where the sum would not fit {@code dead} (broadcasting widens
   * it, or promotes its type), where {@code dead} is a view or a number, or where the addition is
   * being recorded.
   */
  public static Tensor addOver(Tensor dead, Tensor other) {
    boolean fits =
        !other.isWrappedNumber()
            && other.dtype() == dead.dtype()
            && Shape.expandable(other.shape(), dead.shape()) // broadcasts without widening dead
            && other.storage() != dead.storage();
    if (!fits || !overwritable(dead) || recorded(dead, other)) {
      return dead.add(other);
    }
    Backends.current().addScaledInPlace(dead, other, 1);
    dead.storage().bumpVersion();
    return dead;
  }

  /**
   * {@code dead.relu()}, written over the elements of {@code dead} where that gives the same
   * tensor: as {@link #addOver}, for a tensor made for this operation alone whose elements nothing
   * reads afterwards. (relu's rule reads its result, not its operand.)
   */
  public static Tensor reluOver(Tensor dead) {
    if (!overwritable(dead) || recorded(dead)) {
      return dead.relu();
    }
    Backends.current().pointwiseInPlace(Pointwise.RELU, dead, 0, 0);
    dead.storage().bumpVersion();
    return dead;
  }

  /**
   * The adjoint of relu's operand, {@code g} where {@code y = relu(x)} is positive and 0 elsewhere
   * (relu's rule, as {@link #partial} evaluates it), written over the elements of {@code y}:
   * generated code calls this where {@code y} is dead once this step has run (nothing the rest of
   * the sweep reads, nothing returned, shares its elements), so the gradient needs no new tensor.
   * Where {@code g} does not fit {@code y} (its shape or type differ) or {@code y} is a view, the
   * rule makes a new tensor as on the tape.
   */
  public static Tensor reluPartialOver(Tensor y, Tensor g, Tensor x) {
    boolean fits =
        !g.isWrappedNumber()
            && g.dtype() == y.dtype()
            && Arrays.equals(g.shape(), y.shape())
            && overwritable(y);
    if (!fits) {
      return partial(TensorOp.RELU, OpParams.none(), y, g, 0, x);
    }
    Backends.current().keepWherePositiveInPlace(y, g);
    y.storage().bumpVersion();
    return y;
  }

  /**
   * The adjoint of log-softmax's operand, {@code g − exp(y)·Σ g} along the dimension in {@code
   * params} (log-softmax's rule, as {@link #partial} evaluates it), written over the elements of
   * its result {@code y}: for generated code, where {@code y} is dead once this step has run (see
   * {@link #reluPartialOver}). Where {@code g} does not fit {@code y} or {@code y} is a view, the
   * rule makes a new tensor as on the tape.
   */
  public static Tensor logSoftmaxPartialOver(Tensor y, Tensor g, OpParams params, Tensor x) {
    boolean fits =
        !g.isWrappedNumber()
            && g.dtype() == y.dtype()
            && Arrays.equals(g.shape(), y.shape())
            && y.dim() > 0
            && overwritable(y);
    if (!fits) {
      return partial(TensorOp.LOG_SOFTMAX, params, y, g, 0, x);
    }
    Backends.current().logSoftmaxBackwardInPlace(y, g, params.integer(0));
    y.storage().bumpVersion();
    return y;
  }

  // a floating-point tensor that is all of its storage, in order: written over, it is the tensor
  // the operation would have made (that nothing else reads it is the caller's to know)
  private static boolean overwritable(Tensor t) {
    return t.dtype().isFloatingPoint()
        && !t.isWrappedNumber()
        && t.offset() == 0
        && t.isContiguous()
        && t.numel() == t.storage().size();
  }

  // an operation on these operands would be recorded on the tape, as Ops decides it
  private static boolean recorded(Tensor... operands) {
    return Ops.recording(operands);
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
   * Marks the start of a generated reverse sweep: every tensor made after this call is the sweep's
   * own (see {@link #accumulateGrads}).
   */
  public static long reverseStart() {
    return Storage.lastSerial();
  }

  /**
   * Adds {@code gradient} into {@code leaf.grad()} if the leaf requires grad (a sub-model's
   * parameter read in a loop's pass, whose gradient the reverse sweep has when it undoes that pass)
   * (a copy the first time, in place afterwards), except that a gradient the sweep computed and
   * nothing else holds becomes the leaf's {@code .grad()} as it is, by the rule the tape's {@code
   * AccumulateGrad} follows: made after {@code reverseStart} (so not the caller's seed, not a
   * forward value), laid out like the leaf, and not already taken by another leaf ({@code x + y}
   * hands both leaves one tensor).
   *
   * @param reverseStart what {@link #reverseStart()} returned before the sweep began
   */
  public static void accumulateGrad(long reverseStart, Tensor leaf, Tensor gradient) {
    if (leaf != null) { // an absent parameter (a layer without bias) gets nothing
      accumulateGrads(reverseStart, new Tensor[] {leaf}, new Tensor[] {gradient});
    }
  }

  /**
   * {@link #accumulateGrad} for each leaf: {@code gradients[i]} into {@code leaves[i].grad()}.
   *
   * @param reverseStart what {@link #reverseStart()} returned before the sweep began
   */
  public static void accumulateGrads(long reverseStart, Tensor[] leaves, Tensor[] gradients) {
    for (int i = 0; i < leaves.length; i++) {
      Tensor leaf = leaves[i];
      Tensor g = gradients[i];
      if (g == null || !leaf.requiresGrad()) {
        continue;
      }
      if (leaf.grad() == null && AccumulateGrad.adoptable(g, leaf, reverseStart)) {
        leaf.autogradMeta().setGrad(g);
      } else {
        AccumulateGrad.into(leaf, g);
      }
    }
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
   * The parameters {@code {order...}} of {@code x.permute(order)}, normalised, as Ops records them.
   */
  public static OpParams permutation(Tensor x, int... order) {
    int[] normalized = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      normalized[i] = Shape.normalizeDim("permute", order[i], x.dim());
    }
    return OpParams.ints(normalized);
  }

  /** The parameters {@code {dim, start, length}} of {@code x.narrow(dim, start, length)}. */
  public static OpParams narrowing(Tensor x, int dim, int start, int length) {
    return OpParams.ints(Shape.normalizeDim("narrow", dim, x.dim()), start, length);
  }

  /**
   * The parameters of {@code x.slice(dim, start, end)}: those of the narrow it is, its bounds
   * clipped (negative ones count from the end) as {@code Tensor.slice} clips them.
   */
  public static OpParams slicing(Tensor x, int dim, int start, int end) {
    int d = Shape.normalizeDim("slice", dim, x.dim());
    int size = x.shape()[d];
    int from = Math.max(0, start < 0 ? start + size : start);
    int to = Math.min(size, end < 0 ? end + size : end);
    return OpParams.ints(d, from, Math.max(0, to - from));
  }

  /**
   * The parameters {@code {dim, index}} of {@code x.select(dim, index)}, both normalised (a
   * negative index counts from the end), as Ops records them.
   */
  public static OpParams selection(Tensor x, int dim, int index) {
    int d = Shape.normalizeDim("select", dim, x.dim());
    return OpParams.ints(d, index < 0 ? index + x.shape()[d] : index);
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
