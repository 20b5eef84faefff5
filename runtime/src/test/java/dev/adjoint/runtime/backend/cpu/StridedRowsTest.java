package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link StridedRows#everyOther} (the Vector API version where the module is present) against the
 * definition, for every count up to 70 and sources that end at the array's last element.
 */
class StridedRowsTest {
  @Test
  void picksEveryOtherElement() {
    float[] x = new float[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 0.5f - 7;
    }
    for (int count = 0; count <= 70; count++) {
      for (int src : new int[] {0, 1, 3, x.length - 2 * count}) {
        if (src < 0 || src + 2 * count > x.length + 1) {
          continue;
        }
        float[] got = new float[count + 5];
        float[] want = new float[count + 5];
        Arrays.fill(got, 99);
        Arrays.fill(want, 99);
        for (int t = 0; t < count; t++) {
          want[2 + t] = x[src + 2 * t];
        }
        StridedRows.INSTANCE.everyOther(x, src, got, 2, count);
        assertArrayEquals(want, got, "count " + count + " from " + src);
      }
    }
  }
}
