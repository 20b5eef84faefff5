package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ThinProduct} against a double-precision loop: row counts up to 64 (every one to 9, then
 * around groups of four), column counts around the kernel's strips (1, 15, 16, 17, 64, 65, 200), A
 * read by rows and by columns, padded leading dimensions and offsets, small and parallel (≥ 2²¹
 * multiply-adds) products.
 */
class ThinProductTest {
  @Test
  void matchesADoubleLoop() {
    Random r = new Random(3);
    for (int m : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 32, 63, 64}) {
      for (int n : new int[] {1, 15, 16, 17, 64, 65, 200}) {
        for (int k : new int[] {1, 7, 70}) {
          check(r, m, n, k, r.nextBoolean());
        }
      }
    }
    check(r, 4, 4608, 512, true);
    check(r, 7, 3000, 400, false);
    check(r, 32, 4608, 512, true);
  }

  private static void check(Random r, int m, int n, int k, boolean byColumns) {
    int lda = (byColumns ? m : k) + r.nextInt(3);
    int ldb = n + r.nextInt(3);
    int ldc = n + r.nextInt(3);
    int aOff = r.nextInt(3);
    int bOff = r.nextInt(3);
    int cOff = r.nextInt(3);
    float[] a = random(r, aOff + lda * (byColumns ? k : m));
    float[] b = random(r, bOff + ldb * k);
    float[] c = random(r, cOff + ldc * m);
    int ars = byColumns ? 1 : lda;
    int acs = byColumns ? lda : 1;
    ThinProduct.multiply(m, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double want = 0;
        double scale = 0;
        for (int p = 0; p < k; p++) {
          double t = (double) a[aOff + i * ars + p * acs] * b[bOff + p * ldb + j];
          want += t;
          scale += Math.abs(t);
        }
        assertEquals(
            want,
            c[cOff + i * ldc + j],
            1e-6 * scale + 1e-30,
            m + "x" + n + "x" + k + " at " + i + "," + j);
      }
    }
  }

  private static float[] random(Random r, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = r.nextFloat() * 2 - 1;
    }
    return x;
  }

  @Test
  void refusesMoreThanSixtyFourRows() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ThinProduct.multiply(
                65, 1, 1, new float[65], 0, 1, 1, new float[1], 0, 1, new float[65], 0, 1));
  }
}
