package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * The kernels the tensor operations run on. They know nothing of the tape: operands are plain
 * tensors with any strides (views, broadcasts), results are fresh contiguous tensors. Each device
 * has one (the CPU's, a GPU's); {@link Backends#current()} runs every call on its operands' device.
 * The plain CPU backend stays the oracle the others are tested against.
 */
public interface Backend {
  /** {@code op(x)} elementwise, in {@code out}'s type. */
  Tensor unary(ElementwiseOp op, Tensor x, DType out);

  /** {@code op(a, b)} elementwise, broadcast, in {@code out}'s type. */
  Tensor binary(ElementwiseOp op, Tensor a, Tensor b, DType out);

  /** {@code a rel b} elementwise and broadcast, as {@code bool}. */
  Tensor compare(Relation rel, Tensor a, Tensor b);

  /** {@code cond ? a : b} elementwise and broadcast. */
  Tensor where(Tensor cond, Tensor a, Tensor b, DType out);

  /** A {@link Pointwise} function with parameters {@code p0}, {@code p1}. */
  Tensor pointwise(Pointwise fn, Tensor x, double p0, double p1);

  /** {@link #pointwise} written over {@code x}'s own elements: the same numbers, no new tensor. */
  void pointwiseInPlace(Pointwise fn, Tensor x, double p0, double p1);

  /**
   * {@code y = y > 0 ? g : +0} elementwise, written over {@code y} ({@code g} of y's shape and
   * type): what {@code where(y > 0, g, 0)} makes, the gradient of relu from its result.
   */
  void keepWherePositiveInPlace(Tensor y, Tensor g);

  /**
   * {@code y = g − exp(y)·Σ_dim g}, written over {@code y} ({@code g} of y's shape and type): the
   * gradient of log-softmax along {@code dim} from its result, each operation rounded to the type
   * as the tape's operation-by-operation evaluation rounds it, the sums taken in index order.
   */
  void logSoftmaxBackwardInPlace(Tensor y, Tensor g, int dim);

  /** The sum over the (normalised, sorted) {@code dims}. */
  Tensor sum(Tensor x, int[] dims, boolean keepDim);

  /** The maximum over the (normalised, sorted, non-empty) {@code dims}; NaN if any is NaN. */
  Tensor amax(Tensor x, int[] dims, boolean keepDim);

  /** PyTorch's matmul: dot, matrix-vector, matrix-matrix, broadcast batches. */
  Tensor matmul(Tensor a, Tensor b);

  /** Softmax (or log-softmax) along {@code dim}, shifted by the maximum for stability. */
  Tensor softmax(Tensor x, int dim, boolean log);

  /** A contiguous copy in {@code dtype}. */
  Tensor copy(Tensor x, DType dtype);

  /** {@code dst[...] = src[...]}, {@code src} broadcast to {@code dst}'s shape. */
  void copyInto(Tensor dst, Tensor src);

  /** {@code dst += alpha * src}, {@code src} broadcast to {@code dst}'s shape. */
  void addScaledInPlace(Tensor dst, Tensor src, double alpha);

  /** {@code dst *= factor}. */
  void scaleInPlace(Tensor dst, double factor);

  /** Every element of {@code dst} set to {@code value}. */
  void fill(Tensor dst, double value);

  /** Concatenation along {@code dim} (shapes already checked), in {@code dtype}. */
  Tensor cat(List<Tensor> parts, int dim, DType dtype);

  /** The slices of {@code x} at the 1-D {@code index} along {@code dim}. */
  Tensor indexSelect(Tensor x, int dim, Tensor index);

  /** {@code dst.select(dim, index[j]) += src.select(dim, j)} for every j. */
  void indexAdd(Tensor dst, int dim, Tensor index, Tensor src);

  /** {@code out[..i..] = x[..index[..i..]..]} with the index replacing coordinate {@code dim}. */
  Tensor gather(Tensor x, int dim, Tensor index);

  /** The adjoint of gather: {@code dst[..index[..i..]..] += src[..i..]}. */
  void scatterAdd(Tensor dst, int dim, Tensor index, Tensor src);

  /** The kernels of convolution, pooling and batch norm on this backend. */
  NnKernels nn();
}
