package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/** The reference backend's index arithmetic: gather and scatter, and checked indices. */
final class CpuIndexing {
  private CpuIndexing() {}

  // Walks the index's elements; the element of x they address has the index's coordinates except
  // along dim, where the index's value is used.
  static void gatherOrScatter(Tensor x, int dim, Tensor index, Tensor other, boolean scatter) {
    int[] ishape = index.shape();
    int[] xshape = x.shape();
    int[] xst = x.strides();
    Indexer ii = Indexer.of(index, ishape);
    Indexer oi = Indexer.of(other, ishape);
    int[] coord = new int[ishape.length];
    for (int i = 0, n = index.numel(); i < n; i++) {
      int at = x.offset();
      for (int d = 0; d < ishape.length; d++) {
        int c =
            d == dim
                ? checkIndex(
                    scatter ? "scatterAdd" : "gather", index.storage().get(ii.at(i)), x, dim)
                : coord[d];
        if (c >= xshape[d]) {
          throw new IndexOutOfBoundsException(
              "gather: index shape "
                  + Shape.format(ishape)
                  + " exceeds input shape "
                  + Shape.format(xshape)
                  + " in dimension "
                  + d);
        }
        at += c * xst[d];
      }
      if (scatter) {
        x.storage().set(at, x.storage().get(at) + other.storage().get(oi.at(i)));
      } else {
        other.storage().set(oi.at(i), x.storage().get(at));
      }
      for (int d = ishape.length - 1; d >= 0; d--) {
        if (++coord[d] < ishape[d]) {
          break;
        }
        coord[d] = 0;
      }
    }
  }

  /**
   * {@code value} as an index into dimension {@code dim} of {@code x}; a negative or too large one
   * is an error naming the operation, the index and the shape (PyTorch's {@code index_select} and
   * {@code gather} do not count negative indices from the end either).
   */
  static int checkIndex(String op, double value, Tensor x, int dim) {
    int size = x.shape()[dim];
    if (!(value >= 0 && value < size)) {
      throw new IndexOutOfBoundsException(
          op
              + ": index "
              + (long) value
              + " is out of range for dimension "
              + dim
              + " of size "
              + size
              + " (the input's shape is "
              + Shape.format(x.shape())
              + ")");
    }
    return (int) value;
  }
}
