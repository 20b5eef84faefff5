package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both implementations of the elementwise kernels against plain Java, with tails and offsets. */
class FloatOpsTest {
  private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 63, 64, 65, 100, 1000};
  private static final FloatOpsKernels[] IMPLEMENTATIONS = {
    new FloatOpsKernels(), new VectorFloatOps()
  };

  private static float[] random(Random rnd, int n, float scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (rnd.nextFloat() * 2 - 1) * scale;
    }
    return x;
  }

  @Test
  void facadeUsesTheVectorKernels() {
    assertTrue(FloatOps.KERNELS instanceof VectorFloatOps);
  }

  @Test
  void addMulReluMatchPlainJava() {
    Random rnd = new Random(11);
    for (FloatOpsKernels k : IMPLEMENTATIONS) {
      for (int n : LENGTHS) {
        float[] a = random(rnd, n + 3, 10);
        float[] b = random(rnd, n + 5, 10);
        if (n > 2) {
          a[n / 2] = Float.NaN;
        }
        float[] sum = new float[n + 2];
        float[] prod = new float[n + 2];
        float[] relu = new float[n + 2];
        k.add(a, 3, b, 5, sum, 2, n);
        k.mul(a, 3, b, 5, prod, 2, n);
        k.relu(a, 3, relu, 2, n);
        for (int i = 0; i < n; i++) {
          assertEquals(a[3 + i] + b[5 + i], sum[2 + i], k + " add n=" + n);
          assertEquals(a[3 + i] * b[5 + i], prod[2 + i], k + " mul n=" + n);
          float want = Float.isNaN(a[3 + i]) ? Float.NaN : Math.max(0f, a[3 + i]);
          assertEquals(want, relu[2 + i], k + " relu n=" + n + " i=" + i);
        }
        assertEquals(0f, sum[0]);
        assertEquals(0f, sum[1]);
      }
    }
  }

  @Test
  void expIsWithinAFewUlps() {
    Random rnd = new Random(12);
    for (FloatOpsKernels k : IMPLEMENTATIONS) {
      for (int n : LENGTHS) {
        float[] x = random(rnd, n + 1, 40);
        if (n > 3) {
          x[1] = -200f; // underflows to 0
          x[2] = 200f; // overflows to infinity
          x[3] = Float.NaN;
        }
        float[] out = new float[n];
        k.exp(x, 1, out, 0, n);
        for (int i = 0; i < n; i++) {
          float want = (float) Math.exp(x[1 + i]);
          if (Float.isNaN(want) || Float.isInfinite(want) || want == 0f) {
            assertEquals(want, out[i], k + " exp(" + x[1 + i] + ")");
          } else {
            assertEquals(want, out[i], 4 * Math.ulp(want), k + " exp(" + x[1 + i] + ")");
          }
        }
      }
    }
  }

  @Test
  void sumMatchesWithinRounding() {
    Random rnd = new Random(13);
    for (FloatOpsKernels k : IMPLEMENTATIONS) {
      for (int n : LENGTHS) {
        float[] x = random(rnd, n + 4, 1);
        double want = 0;
        double mag = 0;
        for (int i = 0; i < n; i++) {
          want += x[4 + i];
          mag += Math.abs(x[4 + i]);
        }
        assertEquals(want, k.sum(x, 4, n), 1e-6 * (n + 1) * (mag + 1), k + " sum n=" + n);
      }
    }
  }

  @Test
  void facadeChecksRanges() {
    float[] x = new float[10];
    assertEquals(0f, FloatOps.sum(x, 10, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FloatOps.relu(x, 5, x, 0, 6));
    assertEquals("x[5 .. 11) is outside an array of length 10", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FloatOps.add(x, 0, x, 0, x, -1, 3));
    FloatOps.exp(x, 0, x, 0, 10);
    assertEquals(1f, x[9]);
    FloatOps.mul(x, 0, x, 0, x, 0, 10);
    FloatOps.add(x, 0, x, 0, x, 0, 10);
    assertEquals(2f, FloatOps.sum(x, 0, 1));
  }
}
