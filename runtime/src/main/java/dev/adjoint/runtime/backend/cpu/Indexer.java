package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Maps the i-th element (row-major) of a broadcast shape to a storage index of one operand. A
 * contiguous operand of exactly that shape needs no table; any other (a view, a broadcast) gets its
 * storage indices enumerated once, so the kernels' inner loops are plain array reads.
 */
final class Indexer {
  private final int offset;
  private final int[] table;
  private final int step;

  private Indexer(int offset, int[] table, int step) {
    this.offset = offset;
    this.table = table;
    this.step = step;
  }

  /** The indexer of {@code t} broadcast to {@code shape}. */
  static Indexer of(Tensor t, int[] shape) {
    return of(t.offset(), t.shape(), t.strides(), shape);
  }

  static Indexer of(int offset, int[] from, int[] strides, int[] shape) {
    if (java.util.Arrays.equals(from, shape) && contiguous(from, strides)) {
      return new Indexer(offset, null, 1);
    }
    if (Shape.numel(from) == 1) {
      // a scalar broadcast: every element reads the same place
      return new Indexer(offset, null, 0);
    }
    int rank = shape.length;
    int lead = rank - from.length;
    int[] st = new int[rank];
    for (int d = 0; d < from.length; d++) {
      st[lead + d] = from[d] == 1 ? 0 : strides[d];
    }
    int n = Shape.numel(shape);
    int[] table = new int[n];
    int[] index = new int[rank];
    int at = offset;
    for (int i = 0; i < n; i++) {
      table[i] = at;
      for (int d = rank - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          at += st[d];
          break;
        }
        at -= (shape[d] - 1) * st[d];
        index[d] = 0;
      }
    }
    return new Indexer(offset, table, 1);
  }

  private static boolean contiguous(int[] shape, int[] strides) {
    int expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  int at(int i) {
    return table == null ? offset + step * i : table[i];
  }
}
