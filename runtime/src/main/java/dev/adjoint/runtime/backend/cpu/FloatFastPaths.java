package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Loops over the arrays of contiguous {@code float32} tensors for the kernels a training step
 * spends its time in (row-broadcast arithmetic such as a bias add, relu, compare/where masks, sums
 * over leading or trailing dimensions, copies, the optimizer's {@code p += alpha*g}). Each method
 * returns {@code null} (or {@code false}) when its operands are not of the simple kind, and then
 * the general kernel runs. Every result is bit for bit the general kernel's: the arithmetic is the
 * same single rounding, and sums add the same elements in the same order.
 *
 * <p>The comparisons and {@code where} selections over such tensors are in {@link
 * FloatMaskFastPaths}.
 */
final class FloatFastPaths {
  private FloatFastPaths() {}

  static boolean simple(Tensor t) {
    return t.dtype() == DType.FLOAT32 && t.isContiguous();
  }

  /** A numel-1 operand that broadcasts to {@code rank} dimensions without widening them. */
  static boolean scalarLike(Tensor t, int rank) {
    return t.numel() == 1 && t.dim() <= rank;
  }

  /**
   * {@code a op b} where one operand is a contiguous float32 tensor of the result's shape and the
   * other a contiguous float32 tensor whose shape (less leading 1s) is that shape's trailing part:
   * a bias row added to every row of a batch.
   */
  static Tensor rowBroadcast(ElementwiseOp op, Tensor a, Tensor b, DType out) {
    if (out != DType.FLOAT32 || !simple(a) || !simple(b)) {
      return null;
    }
    switch (op) {
      case ADD, SUBTRACT, MULTIPLY, DIVIDE -> {}
      default -> {
        return null;
      }
    }
    boolean bSmall;
    if (trailing(b.shape(), a.shape())) {
      bSmall = true;
    } else if (trailing(a.shape(), b.shape())) {
      bSmall = false;
    } else {
      return null;
    }
    Tensor big = bSmall ? a : b;
    Tensor small = bSmall ? b : a;
    int inner = small.numel();
    Tensor result = Tensor.empty(DType.FLOAT32, big.shape());
    float[] r = result.storage().floats();
    if (inner == 0 || r.length == 0) {
      return result;
    }
    float[] x = big.storage().floats();
    float[] y = small.storage().floats();
    int xo = big.offset();
    int yo = small.offset();
    for (int row = 0, rows = r.length / inner; row < rows; row++) {
      int base = row * inner;
      int xb = xo + base;
      switch (op) {
        // through the Vector API kernels: C2 leaves these loops over three arrays scalar
        case ADD -> FloatOps.KERNELS.add(x, xb, y, yo, r, base, inner);
        case MULTIPLY -> FloatOps.KERNELS.mul(x, xb, y, yo, r, base, inner);
        case SUBTRACT -> {
          if (bSmall) {
            for (int j = 0; j < inner; j++) {
              r[base + j] = x[xb + j] - y[yo + j];
            }
          } else {
            for (int j = 0; j < inner; j++) {
              r[base + j] = y[yo + j] - x[xb + j];
            }
          }
        }
        default -> {
          if (bSmall) {
            for (int j = 0; j < inner; j++) {
              r[base + j] = x[xb + j] / y[yo + j];
            }
          } else {
            for (int j = 0; j < inner; j++) {
              r[base + j] = y[yo + j] / x[xb + j];
            }
          }
        }
      }
    }
    return result;
  }

  // small (less leading 1s) equals the trailing dimensions of big, and is strictly smaller in rank
  private static boolean trailing(int[] small, int[] big) {
    int lead = 0;
    while (lead < small.length && small[lead] == 1) {
      lead++;
    }
    int rank = small.length - lead;
    if (small.length > big.length || rank >= big.length) {
      return false;
    }
    for (int d = 0; d < rank; d++) {
      if (small[lead + d] != big[big.length - rank + d]) {
        return false;
      }
    }
    return true;
  }

  /** relu of a contiguous float32 tensor: {@code v > 0 ? v : 0}, NaN stays NaN. */
  static Tensor relu(Tensor x) {
    if (!simple(x)) {
      return null;
    }
    Tensor result = Tensor.empty(DType.FLOAT32, x.shape());
    float[] r = result.storage().floats();
    float[] v = x.storage().floats();
    int o = x.offset();
    // e above 0, +0 for ±0 and below, NaN for NaN: the general kernel's relu, without a branch
    ParallelRanges.elements(
        r.length, (lo, hi) -> FloatOps.KERNELS.reluPositiveZero(v, o + lo, r, lo, hi - lo));
    return result;
  }

  /** relu of a contiguous float32 tensor over its own elements, as {@link #relu} computes it. */
  static boolean reluInPlace(Tensor x) {
    if (!simple(x) || x.offset() != 0) {
      return false;
    }
    float[] v = x.storage().floats();
    ParallelRanges.elements(
        x.numel(), (lo, hi) -> FloatOps.KERNELS.reluPositiveZero(v, lo, v, lo, hi - lo));
    return true;
  }

  /** {@code y = y > 0 ? g : +0} for contiguous float32 tensors of one shape, y at its start. */
  static boolean keepWherePositiveInPlace(Tensor y, Tensor g) {
    if (!simple(y) || !simple(g) || y.offset() != 0) {
      return false;
    }
    float[] v = y.storage().floats();
    float[] w = g.storage().floats();
    if (v == w && g.offset() != 0) {
      return false; // shifted ranges of one array: leave the order to the general kernel
    }
    int go = g.offset();
    ParallelRanges.elements(
        y.numel(), (lo, hi) -> FloatOps.KERNELS.keepWherePositive(v, lo, w, go + lo, hi - lo));
    return true;
  }

  /**
   * The float32 sum of a contiguous tensor over leading dimensions {@code 0..q-1} or trailing ones
   * {@code q..rank-1}, each output element adding its inputs in element order (as the general
   * kernel does).
   */
  static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    if (!simple(x)) {
      return null;
    }
    int[] shape = x.shape();
    int rank = shape.length;
    boolean leading = true;
    for (int i = 0; i < dims.length; i++) {
      leading &= dims[i] == i;
    }
    boolean trailing = true;
    for (int i = 0; i < dims.length; i++) {
      trailing &= dims[i] == rank - dims.length + i;
    }
    if (!leading && !trailing) {
      return null;
    }
    int split = leading ? dims.length : rank - dims.length;
    int outer = 1;
    for (int d = 0; d < split; d++) {
      outer *= shape[d];
    }
    int inner = 1;
    for (int d = split; d < rank; d++) {
      inner *= shape[d];
    }
    Tensor result = Tensor.empty(DType.FLOAT32, Shape.reduce(shape, dims, keepDim));
    float[] r = result.storage().floats();
    float[] v = x.storage().floats();
    int o = x.offset();
    if (leading) {
      // r[j] = Σ_i v[i, j], i ascending: the loop over j runs along rows
      for (int i = 0; i < outer; i++) {
        FloatOps.KERNELS.add(r, 0, v, o + i * inner, r, 0, inner);
      }
    } else {
      for (int i = 0; i < outer; i++) {
        int base = o + i * inner;
        float s = 0f;
        for (int j = 0; j < inner; j++) {
          s += v[base + j];
        }
        r[i] = s;
      }
    }
    return result;
  }

  /**
   * {@code dst = src} for float32 tensors of one shape: contiguous ones by an array copy, a
   * transposed matrix (a column-major view) into a contiguous one by blocks.
   */
  static boolean copyInto(Tensor dst, Tensor src) {
    if (!simple(dst) || src.dtype() != DType.FLOAT32 || !Arrays.equals(dst.shape(), src.shape())) {
      return false;
    }
    float[] d = dst.storage().floats();
    float[] s = src.storage().floats();
    if (src.isContiguous()) {
      int so = src.offset();
      int doff = dst.offset();
      if (d == s) {
        System.arraycopy(s, so, d, doff, dst.numel()); // may overlap: one copy, as if buffered
      } else {
        ParallelRanges.elements(
            dst.numel(), (lo, hi) -> System.arraycopy(s, so + lo, d, doff + lo, hi - lo));
      }
      return true;
    }
    if (src.dim() != 2) {
      return false;
    }
    int rows = src.shape()[0];
    int cols = src.shape()[1];
    int[] st = src.strides();
    if (st[0] != 1 || st[1] < rows || d == s) {
      return false;
    }
    // dst[i, j] = s[so + i + j*ld]: 32 x 32 blocks keep both sides in cache
    int ld = st[1];
    int so = src.offset();
    int doff = dst.offset();
    final int block = 32;
    for (int i0 = 0; i0 < rows; i0 += block) {
      int i1 = Math.min(rows, i0 + block);
      for (int j0 = 0; j0 < cols; j0 += block) {
        int j1 = Math.min(cols, j0 + block);
        for (int i = i0; i < i1; i++) {
          int drow = doff + i * cols;
          for (int j = j0; j < j1; j++) {
            d[drow + j] = s[so + i + j * ld];
          }
        }
      }
    }
    return true;
  }

  /**
   * {@code dst += alpha*src} for contiguous float32 tensors of one shape, rounded once (as ever).
   */
  static boolean addScaledInPlace(Tensor dst, Tensor src, double alpha) {
    if (alpha == 1 && simple(dst) && simple(src) && trailing(src.shape(), dst.shape())) {
      return addRowsInPlace(dst, src);
    }
    if (!simple(dst) || !simple(src) || !Arrays.equals(dst.shape(), src.shape())) {
      return false;
    }
    float[] d = dst.storage().floats();
    float[] s = src.storage().floats();
    int dOff = dst.offset();
    int sOff = src.offset();
    if (d == s && dOff != sOff) {
      return false; // overlapping ranges of one array: leave the order to the general kernel
    }
    // a weight matrix's update (W1: 401 408 elements, 4.8 MB read and written) is bound by one
    // core's cache bandwidth: split over the GEMM threads when large; elementwise, the same bits
    ParallelRanges.elements(
        dst.numel(),
        (lo, hi) -> FloatOps.KERNELS.addScaled(d, dOff + lo, s, sOff + lo, alpha, hi - lo));
    return true;
  }

  /**
   * {@code dst += row} for a row (shape less leading 1s equal to dst's trailing dimensions) added
   * to every row of dst: a bias added over a batch. One float addition per element, as {@link
   * #rowBroadcast} does (and as the general kernel's {@code d + 1·s} rounded once from double).
   */
  private static boolean addRowsInPlace(Tensor dst, Tensor row) {
    float[] d = dst.storage().floats();
    float[] r = row.storage().floats();
    int inner = row.numel();
    int n = dst.numel();
    int dOff = dst.offset();
    int rOff = row.offset();
    if (d == r && dOff < rOff + inner && rOff < dOff + n) {
      return false; // the row lies inside dst: leave the order to the general kernel
    }
    if (inner == 0) {
      return true;
    }
    for (int base = 0; base < n; base += inner) {
      FloatOps.KERNELS.add(d, dOff + base, r, rOff, d, dOff + base, inner);
    }
    return true;
  }

  /** Elementwise loops of at least this many elements are split over the GEMM threads. */
  static final int PARALLEL_ELEMENTS = ParallelRanges.PARALLEL_ELEMENTS;
}
