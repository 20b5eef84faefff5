package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.Ops;

/**
 * Tensor's reductions (sum, mean, max over all or some dimensions, softmax, log-softmax) and the
 * matrix product, as methods.
 *
 * <p>Part of {@link Tensor}'s API, split by kind of operation; only {@link Tensor} implements it.
 */
public sealed interface TensorReductions permits Tensor {
  /** The sum of all elements, a scalar. */
  default Tensor sum() {
    return Ops.sum(self(), new int[0], false);
  }

  /** The sum over {@code dims}. */
  default Tensor sum(int[] dims, boolean keepDim) {
    return Ops.sum(self(), dims, keepDim);
  }

  /** The sum over one dimension, dropping it. */
  default Tensor sum(int dim) {
    return Ops.sum(self(), new int[] {dim}, false);
  }

  default Tensor mean() {
    return Ops.mean(self(), new int[0], false);
  }

  default Tensor mean(int[] dims, boolean keepDim) {
    return Ops.mean(self(), dims, keepDim);
  }

  default Tensor mean(int dim) {
    return Ops.mean(self(), new int[] {dim}, false);
  }

  /** The largest element; a tie splits the gradient evenly. */
  default Tensor max() {
    return Ops.amax(self(), new int[0], false);
  }

  /** The largest values over {@code dims} (PyTorch's {@code amax}). */
  default Tensor max(int[] dims, boolean keepDim) {
    return Ops.amax(self(), dims, keepDim);
  }

  default Tensor max(int dim) {
    return Ops.amax(self(), new int[] {dim}, false);
  }

  default Tensor softmax(int dim) {
    return Ops.softmax(self(), dim, false);
  }

  default Tensor logSoftmax(int dim) {
    return Ops.softmax(self(), dim, true);
  }

  /**
   * The matrix product with PyTorch's {@code matmul} rules: 1-D·1-D is a dot product, a 1-D operand
   * is treated as a row (left) or column (right) vector, and leading dimensions broadcast as a
   * batch.
   */
  default Tensor matmul(Tensor other) {
    return Ops.matmul(self(), other);
  }

  private Tensor self() {
    return (Tensor) this;
  }
}
