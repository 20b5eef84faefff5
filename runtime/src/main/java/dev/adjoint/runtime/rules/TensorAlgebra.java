package dev.adjoint.runtime.rules;

import java.util.List;

/**
 * The vocabulary of tensor-level derivative rules: {@link Algebra}'s elementwise operations plus
 * the shape-aware ones that gradients of matmul, reductions, views and indexing need.
 *
 * <p>As with {@link Algebra}, {@link TensorRules} is written once against this interface: the
 * dynamic tape evaluates it with {@code T} = a tensor, the annotation processor with {@code T} =
 * source code. Shapes are never passed as numbers; an operation that needs a shape takes an operand
 * shaped like it ({@code like}), so that a source-code algebra can emit {@code x.shape()}.
 */
public interface TensorAlgebra<T> extends Algebra<T> {
  /** PyTorch's matmul (dot, matrix-vector, matrix-matrix, broadcast batches). */
  T matmul(T a, T b);

  /** The number of dimensions of {@code a}. */
  int rank(T a);

  /** {@code a} with dimensions {@code d0} and {@code d1} swapped. */
  T transpose(T a, int d0, int d1);

  /** {@code a} with its dimensions reordered: dimension i of the result is {@code order[i]}. */
  T permute(T a, int[] order);

  /** {@code a} with a dimension of size 1 inserted at {@code dim}. */
  T unsqueeze(T a, int dim);

  /** {@code a} without dimension {@code dim} (of size 1). */
  T squeeze(T a, int dim);

  /** {@code a}'s elements in the shape of {@code like}. */
  T reshapeAs(T a, T like);

  /** {@code a} broadcast to the shape of {@code like}. */
  T expandAs(T a, T like);

  /** {@code a} converted to the element type of {@code like}. */
  T convertLike(T a, T like);

  /** The sum of {@code a} over {@code dims} (all when empty). */
  T sum(T a, int[] dims, boolean keepDim);

  /**
   * Broadcasts {@code g}, shaped like a reduction of {@code like} over {@code dims} (with or
   * without {@code keepDim}), back to the shape of {@code like}.
   */
  T unreduce(T g, T like, int[] dims, boolean keepDim);

  /** How many elements of {@code like} a reduction over {@code dims} combines, as a scalar. */
  T elementCount(T like, int[] dims);

  /** {@code length} indices of {@code a} from {@code start} along {@code dim}. */
  T narrow(T a, int dim, int start, int length);

  /**
   * A tensor of zeros shaped like {@code like}, holding {@code g} at indices {@code [start, start +
   * g's size)} along {@code dim}: the adjoint of {@link #narrow}.
   */
  T padNarrowed(T g, T like, int dim, int start);

  /**
   * The part of {@code g} that corresponds to {@code parts[i]} when {@code parts} were concatenated
   * along {@code dim}: the adjoint of concatenation.
   */
  T catPart(T g, int dim, List<T> parts, int i);

  /** Zeros shaped like {@code like}, then {@code g}'s slices added at {@code index} along dim. */
  T indexAddInto(T g, T like, int dim, T index);

  /** Zeros shaped like {@code like}, then {@code g} scattered-added at {@code index} along dim. */
  T scatterAddInto(T g, T like, int dim, T index);

  /** {@code cond ? a : b}, elementwise and broadcast. */
  T where(T cond, T a, T b);

  /** {@code 1/(1 + e^-a)}. */
  T sigmoid(T a);

  // ---------------------------------------------------------------- convolution and pooling
  // Gradients that are kernels of their own. Shapes as in TensorOp's comments; like is the operand
  // whose adjoint is made (its shape, and its values where the rule reads them).

  /**
   * The adjoint of conv2d's input (a transposed convolution of {@code g} with {@code weight}):
   * {@code x̄[n, c, h, w] = Σ g[n, o, i, j]·w[o, c', a, b]} over the outputs whose window tap
   * {@code (a, b)} reads {@code (h, w)}, shaped like {@code input}.
   */
  T conv2dInputGrad(T g, T input, T weight, Conv2dParams p);

  /**
   * The adjoint of conv2d's weight: {@code w̄[o, c', a, b] = Σ_{n,i,j} g[n, o, i, j]·x[n, c, i·s −
   * p + a·d, j·s − p + b·d]}, shaped like {@code weight}.
   */
  T conv2dWeightGrad(T g, T input, T weight, Conv2dParams p);

  /** The sum of {@code g} over every dimension but 1 (the channels): a [C] tensor. */
  T channelSum(T g);

  /**
   * The adjoint of max pooling: each window's {@code g} added at the position of its first maximum
   * in {@code input} (its last NaN, if any), zeros elsewhere.
   */
  T maxPool2dBackward(T g, T input, Pool2dParams p);

  /**
   * The adjoint of average pooling: each window's {@code g} over its divisor, added to its taps.
   */
  T avgPool2dBackward(T g, T input, Pool2dParams p);

  /**
   * The adjoint of adaptive average pooling to {@code g}'s spatial size: each window's {@code g}
   * over its size, added to its taps.
   */
  T adaptiveAvgPool2dBackward(T g, T input);

  /**
   * The adjoint of batch norm's input: in training, where mean and invstd are the batch's own,
   * {@code w·invstd·(g − mean(g) − x̂·mean(g·x̂))} with {@code x̂ = (x − mean)·invstd} and the
   * means over each channel's elements; in evaluation {@code g·w·invstd}.
   */
  T batchNormInputGrad(T g, T input, T weight, T mean, T invstd, boolean training);

  /** The adjoint of batch norm's weight: {@code Σ g·(x − mean)·invstd} per channel. */
  T batchNormWeightGrad(T g, T input, T mean, T invstd);
}
