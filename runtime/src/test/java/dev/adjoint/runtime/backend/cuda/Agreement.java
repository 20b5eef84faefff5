package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The comparisons of a GPU result with the CPU backend's. Elementwise: float64 within 1e-12
 * relative, float32 within 2 ulps of the CPU's value (both compute in double and round once; the
 * libraries' exp, log, ... differ in the last bit of a double at most). Sums and products, whose
 * order differs, within the worst-case rounding bound of the CPU's own sequential evaluation,
 * {@code n·u·Σ|terms|} ({@code u} = 2⁻²⁴ or 2⁻⁵³), which the GPU's double accumulation is well
 * inside.
 */
final class Agreement {
  private Agreement() {}

  static double[] values(Tensor gpu) {
    return gpu.toArray();
  }

  static void sameShapeAndType(String what, Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
  }

  /** Elementwise agreement. */
  static void elementwise(String what, Tensor expected, Tensor actual) {
    sameShapeAndType(what, expected, actual);
    double[] e = expected.toArray();
    double[] a = values(actual);
    for (int i = 0; i < e.length; i++) {
      if (Double.isNaN(e[i]) || Double.isNaN(a[i])) {
        assertTrue(
            Double.isNaN(e[i]) && Double.isNaN(a[i]),
            what + " [" + i + "]: " + a[i] + " vs " + e[i]);
        continue;
      }
      if (e[i] == a[i]) {
        continue;
      }
      double tolerance =
          switch (expected.dtype()) {
            case FLOAT64 -> 1e-12 * Math.abs(e[i]);
            case FLOAT32 -> 2 * Math.ulp((float) e[i]);
            default -> 0;
          };
      assertTrue(
          Math.abs(a[i] - e[i]) <= tolerance,
          what + " [" + i + "]: GPU " + a[i] + ", CPU " + e[i] + " (tolerance " + tolerance + ")");
    }
  }

  /**
   * Agreement of results that are sums of {@code terms} values each: {@code magnitude[i]} is {@code
   * Σ|term|} of element i.
   */
  static void summed(String what, Tensor expected, Tensor actual, int terms, double[] magnitude) {
    sameShapeAndType(what, expected, actual);
    double u = expected.dtype() == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    double[] e = expected.toArray();
    double[] a = values(actual);
    for (int i = 0; i < e.length; i++) {
      double tolerance =
          (terms + 2) * u * magnitude[i]
              + (expected.dtype() == DType.FLOAT32 ? Math.ulp((float) e[i]) : 0);
      assertTrue(
          Math.abs(a[i] - e[i]) <= tolerance,
          what + " [" + i + "]: GPU " + a[i] + ", CPU " + e[i] + " (bound " + tolerance + ")");
    }
  }

  /** Exact agreement (indexing, copies, comparisons, integer sums). */
  static void exact(String what, Tensor expected, Tensor actual) {
    sameShapeAndType(what, expected, actual);
    assertArrayEquals(expected.toArray(), values(actual), what);
  }

  // a bound on |Σ| of every element of `like` that sums up to `scale` values of g
  static double[] absSum(Tensor g, int scale, Tensor like) {
    double[] v = g.toArray();
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    double[] out = new double[like.numel()];
    java.util.Arrays.fill(out, max * scale);
    return out;
  }
}
