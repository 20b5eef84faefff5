package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.rules.Pool2dParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random valid convolution, pooling and batch-norm configurations over the grid the tests share:
 * batch 1..3, channels 1..17, sizes 1..13, strides 1..3, paddings 0..3, dilations 1..3, groups 1, 2
 * and depthwise, ceil mode. Seeded, so every run sees the same cases.
 */
public final class CnnCases {
  private CnnCases() {}

  /** A convolution: input [n, c, h, w], weight [o, c/groups, kh, kw], bias or not. */
  public record Conv(
      int n, int c, int h, int w, int o, int kh, int kw, Conv2dParams p, boolean bias) {
    public int[] inputShape() {
      return new int[] {n, c, h, w};
    }

    public int[] weightShape() {
      return new int[] {o, c / p.groups(), kh, kw};
    }

    @Override
    public String toString() {
      return String.format(
          "x%s w%s%s s(%d,%d) p(%d,%d) d(%d,%d) g%d",
          Arrays.toString(inputShape()),
          Arrays.toString(weightShape()),
          bias ? " +b" : "",
          p.strideH(),
          p.strideW(),
          p.padH(),
          p.padW(),
          p.dilationH(),
          p.dilationW(),
          p.groups());
    }
  }

  /** A pooling of an input of {@code shape} (3-D or 4-D). */
  public record Pool(int[] shape, Pool2dParams p) {
    @Override
    public String toString() {
      return String.format(
          "x%s k(%d,%d) s(%d,%d) p(%d,%d) d(%d,%d)%s%s",
          Arrays.toString(shape),
          p.kernelH(),
          p.kernelW(),
          p.strideH(),
          p.strideW(),
          p.padH(),
          p.padW(),
          p.dilationH(),
          p.dilationW(),
          p.ceilMode() ? " ceil" : "",
          p.countIncludePad() ? " includePad" : "");
    }
  }

  /**
   * {@code count} convolutions with sizes up to {@code maxSize} and channels up to {@code
   * maxChannels}.
   */
  public static List<Conv> convolutions(long seed, int count, int maxChannels, int maxSize) {
    Random r = new Random(seed);
    List<Conv> cases = new ArrayList<>();
    while (cases.size() < count) {
      int groupsKind = r.nextInt(3);
      int cg = 1 + r.nextInt(Math.max(1, maxChannels / 2));
      int groups = groupsKind == 0 ? 1 : groupsKind == 1 ? 2 : 1 + r.nextInt(maxChannels);
      int c = groupsKind == 2 ? groups : cg * groups;
      int og = groupsKind == 2 ? 1 + r.nextInt(2) : 1 + r.nextInt(Math.max(1, maxChannels / 2));
      int o = og * groups;
      if (c > maxChannels || o > maxChannels) {
        continue;
      }
      int h = 1 + r.nextInt(maxSize);
      int w = 1 + r.nextInt(maxSize);
      int kh = 1 + r.nextInt(Math.min(5, maxSize));
      int kw = 1 + r.nextInt(Math.min(5, maxSize));
      Conv2dParams p =
          new Conv2dParams(
              1 + r.nextInt(3),
              1 + r.nextInt(3),
              r.nextInt(4),
              r.nextInt(4),
              1 + r.nextInt(3),
              1 + r.nextInt(3),
              groups);
      boolean fits =
          p.dilationH() * (kh - 1) + 1 <= h + 2 * p.padH()
              && p.dilationW() * (kw - 1) + 1 <= w + 2 * p.padW();
      if (fits) {
        cases.add(new Conv(1 + r.nextInt(3), c, h, w, o, kh, kw, p, r.nextBoolean()));
      }
    }
    return cases;
  }

  /** {@code count} max poolings (average ones when {@code average}: dilation 1, padding flag). */
  public static List<Pool> poolings(
      long seed, int count, boolean average, int maxChannels, int maxSize) {
    Random r = new Random(seed);
    List<Pool> cases = new ArrayList<>();
    while (cases.size() < count) {
      int kh = 1 + r.nextInt(4);
      int kw = 1 + r.nextInt(4);
      Pool2dParams p =
          new Pool2dParams(
              kh,
              kw,
              1 + r.nextInt(3),
              1 + r.nextInt(3),
              r.nextInt(kh / 2 + 1),
              r.nextInt(kw / 2 + 1),
              average ? 1 : 1 + r.nextInt(3),
              average ? 1 : 1 + r.nextInt(3),
              r.nextInt(3) == 0,
              average && r.nextBoolean());
      int c = 1 + r.nextInt(maxChannels);
      int h = 1 + r.nextInt(maxSize);
      int w = 1 + r.nextInt(maxSize);
      int[] shape = r.nextInt(4) == 0 ? new int[] {c, h, w} : new int[] {1 + r.nextInt(3), c, h, w};
      if (p.outputHeight(h) >= 1
          && p.outputWidth(w) >= 1
          && tapsInside(h, p.outputHeight(h), p.kernelH(), p.strideH(), p.padH(), p.dilationH())
          && tapsInside(w, p.outputWidth(w), p.kernelW(), p.strideW(), p.padW(), p.dilationW())) {
        cases.add(new Pool(shape, p));
      }
    }
    return cases;
  }

  // every window has a tap inside the input (a dilated window can fall wholly in the padding,
  // where PyTorch's backward sends the gradient to a wrong place: tested apart)
  private static boolean tapsInside(int size, int out, int kernel, int stride, int pad, int dil) {
    for (int i = 0; i < out; i++) {
      boolean any = false;
      for (int a = 0; a < kernel; a++) {
        int at = i * stride - pad + a * dil;
        any |= at >= 0 && at < size;
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
