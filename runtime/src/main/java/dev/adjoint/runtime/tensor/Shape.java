package dev.adjoint.runtime.tensor;

import java.util.Arrays;

/**
 * Arithmetic on shapes and strides (plain {@code int[]}, row-major): element counts, contiguous
 * strides, NumPy broadcasting, dimension normalisation. Every check names the operation and the
 * shapes involved, so a mismatch deep inside a model says where it came from.
 */
public final class Shape {
  private Shape() {}

  /** The number of elements of a tensor of this shape (1 for a scalar). */
  public static int numel(int[] shape) {
    long n = 1;
    for (int size : shape) {
      n *= size;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + format(shape) + " has too many elements");
    }
    return (int) n;
  }

  /** Row-major strides: the last dimension varies fastest. */
  public static int[] contiguousStrides(int[] shape) {
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= Math.max(shape[d], 1);
    }
    return strides;
  }

  /**
   * Whether a tensor of this shape and these strides holds its elements in row-major order without
   * gaps (dimensions of size 1 may have any stride).
   */
  static boolean isContiguous(int[] shape, int[] strides) {
    int expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /**
   * The shape two operands broadcast to, NumPy's rule: align trailing dimensions; sizes must be
   * equal or one of them 1.
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    if (Arrays.equals(a, b)) {
      return a;
    }
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op
                + ": shapes "
                + format(a)
                + " and "
                + format(b)
                + " cannot be broadcast (dimension "
                + i
                + ": "
                + da
                + " vs "
                + db
                + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** Whether a tensor of shape {@code from} can be expanded (broadcast) to shape {@code to}. */
  public static boolean expandable(int[] from, int[] to) {
    if (from.length > to.length) {
      return false;
    }
    int lead = to.length - from.length;
    for (int i = 0; i < from.length; i++) {
      if (from[i] != 1 && from[i] != to[lead + i]) {
        return false;
      }
    }
    return true;
  }

  /** A dimension index in {@code [-rank, rank)} turned into {@code [0, rank)}. */
  public static int normalizeDim(String op, int dim, int rank) {
    int r = Math.max(rank, 1);
    if (dim < -r || dim >= r) {
      throw new IllegalArgumentException(
          op + ": dimension " + dim + " is out of range for a tensor of rank " + rank);
    }
    return dim < 0 ? dim + r : dim;
  }

  /** Normalised, sorted, distinct dimensions; an empty array means all dimensions. */
  public static int[] normalizeDims(String op, int[] dims, int rank) {
    if (dims.length == 0) {
      int[] all = new int[rank];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = normalizeDim(op, dims[i], rank);
    }
    Arrays.sort(out);
    for (int i = 1; i < out.length; i++) {
      if (out[i] == out[i - 1]) {
        throw new IllegalArgumentException(op + ": dimension " + out[i] + " given twice");
      }
    }
    return out;
  }

  /** {@code shape} with the given (sorted) dimensions set to 1 ({@code keepDim}) or removed. */
  public static int[] reduce(int[] shape, int[] dims, boolean keepDim) {
    boolean[] reduced = new boolean[shape.length];
    for (int d : dims) {
      reduced[d] = true;
    }
    int[] out = new int[keepDim ? shape.length : shape.length - dims.length];
    int j = 0;
    for (int d = 0; d < shape.length; d++) {
      if (!reduced[d]) {
        out[j++] = shape[d];
      } else if (keepDim) {
        out[j++] = 1;
      }
    }
    return out;
  }

  /** {@code [2, 3]} — how shapes appear in messages. */
  public static String format(int[] shape) {
    return Arrays.toString(shape);
  }
}
