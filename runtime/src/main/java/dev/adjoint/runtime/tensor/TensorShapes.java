package dev.adjoint.runtime.tensor;

import dev.adjoint.runtime.autograd.Flattening;
import dev.adjoint.runtime.autograd.ShapeOps;

/**
 * Tensor's shape operations as methods: views that share storage (reshape, transpose, narrow,
 * expand, ...), copies, moves between types and devices, indexing, and tensors shaped like this
 * one.
 *
 * <p>Part of {@link Tensor}'s API, split by kind of operation; only {@link Tensor} implements it.
 */
public sealed interface TensorShapes permits Tensor {
  /** A tensor of zeros with this tensor's shape, type and device. */
  default Tensor zerosLike() {
    return Tensor.empty(self().device(), self().dtype(), self().shape());
  }

  /** A tensor of ones with this tensor's shape, type and device. */
  default Tensor onesLike() {
    return Tensor.full(self().device(), self().dtype(), 1, self().shape());
  }

  /**
   * The same elements in a new shape; a view when this tensor is contiguous. One size may be -1.
   */
  default Tensor reshape(int... newShape) {
    return ShapeOps.reshape(self(), newShape, false);
  }

  /** As {@link Tensor#reshape}, but must be a view: fails if this tensor is not contiguous. */
  default Tensor view(int... newShape) {
    return ShapeOps.reshape(self(), newShape, true);
  }

  /** A 1-D view (or copy) of all elements. */
  default Tensor flatten() {
    return reshape(-1);
  }

  /** Dimensions {@code startDim..} merged into one: a view where the layout allows, else a copy. */
  default Tensor flatten(int startDim) {
    return Flattening.flatten(self(), startDim, -1);
  }

  /**
   * Dimensions {@code startDim..endDim} (inclusive, negative ones count from the end) merged into
   * one, as PyTorch's {@code flatten}: a view where the layout allows, else a copy; this tensor
   * itself when they are one dimension.
   */
  default Tensor flatten(int startDim, int endDim) {
    return Flattening.flatten(self(), startDim, endDim);
  }

  /** The view with dimensions {@code d0} and {@code d1} swapped. */
  default Tensor transpose(int d0, int d1) {
    return ShapeOps.transpose(self(), d0, d1);
  }

  /** The transpose of a matrix (a 1-D or 0-D tensor is returned as is). */
  default Tensor t() {
    return self().dim() < 2 ? self() : transpose(0, 1);
  }

  /** The view with dimensions reordered: dimension i of the result is {@code order[i]} of this. */
  default Tensor permute(int... order) {
    return ShapeOps.permute(self(), order);
  }

  /** The view of {@code length} indices from {@code start} along {@code dim}. */
  default Tensor narrow(int dim, int start, int length) {
    return ShapeOps.narrow(self(), dim, start, length);
  }

  /** The view of indices {@code [start, end)} along {@code dim} (Python's {@code x[:, a:b]}). */
  default Tensor slice(int dim, int start, int end) {
    int d = Shape.normalizeDim("slice", dim, self().dim());
    int size = self().size(d);
    int s = Math.max(0, start < 0 ? start + size : start);
    int e = Math.min(size, end < 0 ? end + size : end);
    return narrow(d, s, Math.max(0, e - s));
  }

  /** The view at {@code index} along {@code dim}, which is removed (Python's {@code x[i]}). */
  default Tensor select(int dim, int index) {
    return ShapeOps.select(self(), dim, index);
  }

  /** The view without the dimensions of size 1. */
  default Tensor squeeze() {
    return ShapeOps.squeeze(self(), null);
  }

  /** The view without dimension {@code dim} if its size is 1 (unchanged otherwise). */
  default Tensor squeeze(int dim) {
    return ShapeOps.squeeze(self(), new int[] {dim});
  }

  /** The view with a new dimension of size 1 at {@code dim}. */
  default Tensor unsqueeze(int dim) {
    return ShapeOps.unsqueeze(self(), dim);
  }

  /** The view broadcast to {@code newShape} (no copy; -1 keeps a size). */
  default Tensor expand(int... newShape) {
    return ShapeOps.expand(self(), newShape);
  }

  /** This tensor if it is contiguous, else a contiguous copy. */
  default Tensor contiguous() {
    return self().isContiguous() ? self() : ShapeOps.contiguous(self());
  }

  /** A copy with its own storage (recorded, so gradients flow through it). */
  default Tensor copy() {
    return ShapeOps.contiguous(self());
  }

  /** This tensor converted to {@code dtype} (itself if it already is). */
  default Tensor to(DType dtype) {
    return dtype == self().dtype() ? self() : ShapeOps.toDType(self(), dtype);
  }

  /**
   * This tensor on {@code device} (itself if it already is there): a copy, recorded like PyTorch's
   * {@code to} ({@code ToCopyBackward0}), so gradients flow back to the original device. Copying to
   * the host waits for the device's queued work. A CUDA device without a usable GPU is an {@link
   * IllegalStateException} that says why (no driver, no GPU, a library not found).
   */
  default Tensor to(Device device) {
    return self().isWrappedNumber() || device.equals(self().device())
        ? self()
        : ShapeOps.toDevice(self(), device);
  }

  /** {@code to(Device.cuda())}: this tensor on the first GPU. */
  default Tensor cuda() {
    return to(Device.cuda());
  }

  /** {@code to(Device.cuda(index))}. */
  default Tensor cuda(int index) {
    return to(Device.cuda(index));
  }

  /** {@code to(Device.cpu())}: this tensor in host memory, after the device's work has finished. */
  default Tensor cpu() {
    return to(Device.cpu());
  }

  /** The entries at {@code index} (1-D {@code int64}) along {@code dim}. */
  default Tensor indexSelect(int dim, Tensor index) {
    return ShapeOps.indexSelect(self(), dim, index);
  }

  /** {@code out[i][j] = this[i][index[i][j]]} for {@code dim = 1}, and so on (PyTorch's gather). */
  default Tensor gather(int dim, Tensor index) {
    return ShapeOps.gather(self(), dim, index);
  }

  private Tensor self() {
    return (Tensor) this;
  }
}
