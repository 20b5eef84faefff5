package dev.adjoint.runtime.backend.cpu;

/**
 * Elementwise and reduction kernels over float32 arrays with offsets, the building blocks of a
 * tensor backend: {@code out[outOff + i] = f(x[xOff + i], ...)} for {@code i < n}. Output ranges
 * may be the same as an input range (in place) but must not otherwise overlap one.
 *
 * <p>Vectorised with the Vector API where {@code jdk.incubator.vector} is available, plain loops
 * otherwise (the same choice as {@link Gemm}).
 */
public final class FloatOps {
  static final FloatOpsKernels KERNELS;

  static {
    FloatOpsKernels k;
    try {
      if (!VectorSupport.ENABLED) {
        throw new UnsupportedOperationException("no Vector API (see VectorSupport)");
      }
      k = new VectorFloatOps();
    } catch (LinkageError | UnsupportedOperationException e) {
      k = new FloatOpsKernels();
    }
    KERNELS = k;
  }

  private FloatOps() {}

  /** {@code out = a + b}. */
  public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    check(a, aOff, n, "a");
    check(b, bOff, n, "b");
    check(out, outOff, n, "out");
    KERNELS.add(a, aOff, b, bOff, out, outOff, n);
  }

  /** {@code out = a * b}. */
  public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    check(a, aOff, n, "a");
    check(b, bOff, n, "b");
    check(out, outOff, n, "out");
    KERNELS.mul(a, aOff, b, bOff, out, outOff, n);
  }

  /** {@code out = exp(x)}, to within a few ulps of {@link Math#exp}. */
  public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
    check(x, xOff, n, "x");
    check(out, outOff, n, "out");
    KERNELS.exp(x, xOff, out, outOff, n);
  }

  /** {@code out = max(x, 0)}; NaN stays NaN. */
  public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
    check(x, xOff, n, "x");
    check(out, outOff, n, "out");
    KERNELS.relu(x, xOff, out, outOff, n);
  }

  /** The sum of {@code x[xOff .. xOff+n)}, accumulated in float in lane-parallel order. */
  public static float sum(float[] x, int xOff, int n) {
    check(x, xOff, n, "x");
    return KERNELS.sum(x, xOff, n);
  }

  private static void check(float[] x, int off, int n, String name) {
    if (n < 0 || off < 0 || (long) off + n > x.length) {
      throw new IllegalArgumentException(
          name
              + "["
              + off
              + " .. "
              + ((long) off + n)
              + ") is outside an array of length "
              + x.length);
    }
  }
}
