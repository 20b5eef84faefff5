package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * A contiguous float32 or float64 tensor as its backing array and the index of its first element,
 * the form the fast kernels work on; and the few array operations they share, dispatched on the
 * array's type ({@code float[]} or {@code double[]}).
 */
final class Dense {
  final DType type;
  final Object data;
  final int offset;

  Dense(Tensor contiguous) {
    type = contiguous.dtype();
    data = type == DType.FLOAT32 ? contiguous.storage().floats() : contiguous.storage().doubles();
    offset = contiguous.offset();
  }

  /** {@code t} itself when contiguous, else a contiguous copy. */
  static Tensor of(Tensor t) {
    return t.isContiguous() ? t : CpuBackend.INSTANCE.copy(t, t.dtype());
  }

  /** Element {@code i} (a 1-D tensor's). */
  double get(int i) {
    return data instanceof float[] f ? f[offset + i] : ((double[]) data)[offset + i];
  }

  /** {@link Gemm#sgemm} or {@link Gemm#dgemm} with alpha 1, by the arrays' type. */
  static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      Object a,
      int aOff,
      int lda,
      Object b,
      int bOff,
      int ldb,
      double beta,
      Object c,
      int cOff,
      int ldc) {
    if (a instanceof float[] fa) {
      Gemm.sgemm(
          transA,
          transB,
          m,
          n,
          k,
          1f,
          fa,
          aOff,
          lda,
          (float[]) b,
          bOff,
          ldb,
          (float) beta,
          (float[]) c,
          cOff,
          ldc);
    } else {
      Gemm.dgemm(
          transA,
          transB,
          m,
          n,
          k,
          1.0,
          (double[]) a,
          aOff,
          lda,
          (double[]) b,
          bOff,
          ldb,
          beta,
          (double[]) c,
          cOff,
          ldc);
    }
  }

  /**
   * The sum of {@code count} elements from {@code from}, in double: float32 in vector lanes over
   * blocks of 1024, the blocks' sums added in double.
   */
  static double sum(Object data, int from, int count) {
    double sum = 0;
    if (data instanceof float[] f) {
      for (int at = 0; at < count; at += 1024) {
        sum += FloatOps.KERNELS.sum(f, from + at, Math.min(1024, count - at));
      }
    } else {
      double[] d = (double[]) data;
      for (int i = from; i < from + count; i++) {
        sum += d[i];
      }
    }
    return sum;
  }

  /** {@code data[from ..< from + count] += value}. */
  static void addScalar(Object data, int from, int count, double value) {
    if (data instanceof float[] f) {
      float v = (float) value;
      for (int i = from; i < from + count; i++) {
        f[i] += v;
      }
    } else {
      double[] d = (double[]) data;
      for (int i = from; i < from + count; i++) {
        d[i] += value;
      }
    }
  }
}
