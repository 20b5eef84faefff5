package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scaleInPlace}'s float32 fast path ({@link FloatScaling}) gives the general kernel's bits:
 * small and parallel sizes, a view into a larger storage, NaN, ±0 and ±∞, and factors that round.
 */
class FloatScalingTest {
  private static final CpuBackend CPU = CpuBackend.INSTANCE;

  @AfterEach
  void restore() {
    CPU.useFastPaths(true);
  }

  @Test
  void matchesTheGeneralKernel() {
    Generator gen = new Generator(5);
    for (int n : new int[] {0, 1, 17, 1000, FloatFastPaths.PARALLEL_ELEMENTS + 3}) {
      Tensor start = Tensor.randn(gen, DType.FLOAT32, n + 4);
      if (n > 3) {
        start.storage().set(0, Double.NaN);
        start.storage().set(1, -0.0);
        start.storage().set(2, Double.POSITIVE_INFINITY);
        start.storage().set(3, 3e38);
      }
      for (double factor : new double[] {0.9, -1.0 / 3, 0, 1e-40}) {
        CPU.useFastPaths(false);
        Tensor expected = start.copy().narrow(0, 2, n);
        CPU.scaleInPlace(expected, factor);
        CPU.useFastPaths(true);
        Tensor actual = start.copy().narrow(0, 2, n);
        CPU.scaleInPlace(actual, factor);
        assertArrayEquals(expected.toArray(), actual.toArray(), n + " × " + factor);
      }
    }
  }
}
