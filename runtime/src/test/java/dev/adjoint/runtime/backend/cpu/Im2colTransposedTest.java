package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.rules.Conv2dParams;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Im2colTransposed} against the definition, tap by tap with a bounds test per element: the
 * unfolded matrix element for element (padding taps 0, the columns past k left alone), and the
 * fold's sums bit for bit (the definition adds in the kernel's order: pixel, channel, window row,
 * window column), float and double, over strides, paddings (up to windows wholly in the padding),
 * dilations, kernels and offsets, with output rows and channels split as the callers split them.
 */
class Im2colTransposedTest {
  private static final int PAD = 3; // extra columns per row of the matrix, and elements before it

  @Test
  void matchesTheDefinition() {
    Random r = new Random(7);
    int checked = 0;
    for (int t = 0; t < 400; t++) {
      int kh = 1 + r.nextInt(4);
      int kw = 1 + r.nextInt(4);
      int dh = 1 + r.nextInt(2);
      int dw = 1 + r.nextInt(2);
      Conv2dParams p =
          new Conv2dParams(
              1 + r.nextInt(3),
              1 + r.nextInt(3),
              r.nextInt(kh * dh + 1),
              r.nextInt(kw * dw + 1),
              dh,
              dw,
              1);
      int cg = 1 + r.nextInt(3);
      int[] input = {1, cg, 1 + r.nextInt(7), 1 + r.nextInt(7)};
      if (p.outputHeight(input[2], kh) <= 0 || p.outputWidth(input[3], kw) <= 0) {
        continue;
      }
      ConvGeometry s = new ConvGeometry(input, new int[] {2, cg, kh, kw}, p);
      check(s, r);
      checked++;
    }
    assertTrue(checked > 200, "too few geometries: " + checked);
  }

  private static void check(ConvGeometry s, Random r) {
    int plane = s.h * s.w;
    int ld = s.k + PAD;
    float[] x = new float[PAD + s.cg * plane];
    double[] xd = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
      xd[i] = x[i];
    }
    float[] want = new float[PAD + s.l * ld];
    Arrays.fill(want, 99f);
    for (int i = 0; i < s.oh; i++) {
      for (int j = 0; j < s.ow; j++) {
        for (int c = 0; c < s.cg; c++) {
          for (int a = 0; a < s.kh; a++) {
            for (int b = 0; b < s.kw; b++) {
              int hh = i * s.p.strideH() - s.p.padH() + a * s.p.dilationH();
              int ww = j * s.p.strideW() - s.p.padW() + b * s.p.dilationW();
              boolean inside = hh >= 0 && hh < s.h && ww >= 0 && ww < s.w;
              want[PAD + (i * s.ow + j) * ld + (c * s.kh + a) * s.kw + b] =
                  inside ? x[PAD + c * plane + hh * s.w + ww] : 0f;
            }
          }
        }
      }
    }
    float[] got = new float[want.length];
    Arrays.fill(got, 99f);
    int split = r.nextInt(s.oh + 1); // output rows in two ranges, as the threads take them
    Im2colTransposed.unfold(s, x, PAD, got, PAD, ld, 0, split);
    Im2colTransposed.unfold(s, x, PAD, got, PAD, ld, split, s.oh);
    assertArrayEquals(want, got, () -> "unfold " + describe(s));
    double[] gotD = new double[want.length];
    Arrays.fill(gotD, 99);
    Im2colTransposed.unfold(s, xd, PAD, gotD, PAD, ld, 0, s.oh);
    assertArrayEquals(toDoubles(want), gotD, () -> "unfold (double) " + describe(s));

    float[] col = new float[want.length];
    double[] colD = new double[want.length];
    for (int i = 0; i < col.length; i++) {
      col[i] = (float) r.nextGaussian();
      colD[i] = col[i] * 1.000001;
    }
    float[] dxWant = new float[PAD + s.cg * plane];
    double[] dxWantD = new double[dxWant.length];
    for (int i = 0; i < dxWant.length; i++) {
      dxWant[i] = (float) r.nextGaussian();
      dxWantD[i] = dxWant[i];
    }
    float[] dx = dxWant.clone();
    double[] dxD = dxWantD.clone();
    for (int i = 0; i < s.oh; i++) {
      for (int j = 0; j < s.ow; j++) {
        for (int c = 0; c < s.cg; c++) {
          for (int a = 0; a < s.kh; a++) {
            for (int b = 0; b < s.kw; b++) {
              int hh = i * s.p.strideH() - s.p.padH() + a * s.p.dilationH();
              int ww = j * s.p.strideW() - s.p.padW() + b * s.p.dilationW();
              if (hh >= 0 && hh < s.h && ww >= 0 && ww < s.w) {
                int from = PAD + (i * s.ow + j) * ld + (c * s.kh + a) * s.kw + b;
                dxWant[PAD + c * plane + hh * s.w + ww] += col[from];
                dxWantD[PAD + c * plane + hh * s.w + ww] += colD[from];
              }
            }
          }
        }
      }
    }
    int channels = r.nextInt(s.cg + 1); // channels in two ranges, as the threads take them
    Im2colTransposed.fold(s, col, PAD, ld, dx, PAD, 0, channels);
    Im2colTransposed.fold(s, col, PAD, ld, dx, PAD, channels, s.cg);
    assertArrayEquals(dxWant, dx, () -> "fold " + describe(s));
    Im2colTransposed.fold(s, colD, PAD, ld, dxD, PAD, 0, s.cg);
    assertArrayEquals(dxWantD, dxD, () -> "fold (double) " + describe(s));
  }

  private static double[] toDoubles(float[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  private static String describe(ConvGeometry s) {
    return String.format(
        "input %d×%d×%d, kernel %d×%d, %s", s.cg, s.h, s.w, s.kh, s.kw, s.p.toString());
  }
}
