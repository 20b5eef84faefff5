package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 kernels give the same bits however they are scheduled: with the GEMM threads free,
 * with them held by another caller (the product then runs its parts on the caller alone), and
 * before and after the JIT compiles them (the order of a vector's lane sum is fixed).
 */
class RepeatableKernelsTest {
  private static final CpuNnKernels NN = CpuNnKernels.INSTANCE;

  /** ResNet-18's convolutions at 64 × 64 that a batch-1 step runs through every product path. */
  private static final int[][] CONVS = {
    // c, hw, o, kernel, stride, pad
    {3, 64, 64, 7, 2, 3},
    {64, 16, 64, 3, 1, 1},
    {128, 8, 128, 3, 1, 1},
    {128, 8, 256, 3, 2, 1},
    {256, 4, 256, 3, 1, 1},
    {256, 4, 512, 3, 2, 1},
    {512, 2, 512, 3, 1, 1}
  };

  @Test
  void convolutionsDoNotDependOnWhetherTheThreadsAreFree() {
    GemmThreads.endSolo();
    for (int batch : new int[] {1, 4}) {
      for (int[] c : CONVS) {
        Generator gen = new Generator(batch * 1000L + c[0] * 7 + c[2]);
        Tensor x = Tensor.randn(gen, DType.FLOAT32, batch, c[0], c[1], c[1]);
        Tensor w = Tensor.randn(gen, DType.FLOAT32, c[2], c[0], c[3], c[3]);
        Conv2dParams p = new Conv2dParams(c[4], c[4], c[5], c[5], 1, 1, 1);
        int out = (c[1] + 2 * c[5] - c[3]) / c[4] + 1;
        Tensor g = Tensor.randn(gen, DType.FLOAT32, batch, c[2], out, out);
        List<float[]> free = convolution(x, w, g, p);
        boolean held = GemmThreads.tryAcquire();
        List<float[]> busy;
        try {
          busy = convolution(x, w, g, p);
        } finally {
          if (held) {
            GemmThreads.release();
          }
        }
        for (int i = 0; i < free.size(); i++) {
          assertArrayEquals(
              free.get(i),
              busy.get(i),
              "batch " + batch + ", conv " + c[0] + "→" + c[2] + " #" + i);
        }
      }
    }
  }

  @Test
  void productsThatSplitIntoOtherPathsDoNotDependOnWhetherTheThreadsAreFree() {
    // m ≥ n: split by rows, and 1/4 of the rows is fewer than n: each part a swapped product
    // (A·Bᵀ as (B·Aᵀ)ᵀ), which adds its k slices in another order than the whole would
    Random r = new Random(3);
    int[][] shapes = {{600, 300, 700}, {256, 40, 2304}, {2304, 256, 16}, {64, 2048, 300}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] a = random(r, m * k);
      float[] b = random(r, n * k);
      float[] c0 = random(r, m * n);
      float[] c1 = c0.clone();
      GemmThreads.endSolo();
      Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 1f, c0, 0, n);
      boolean held = GemmThreads.tryAcquire();
      try {
        Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 1f, c1, 0, n);
      } finally {
        if (held) {
          GemmThreads.release();
        }
      }
      assertArrayEquals(c0, c1, m + " x " + n + " x " + k);
    }
  }

  @Test
  void batchNormSumsRepeatBeforeAndAfterCompilation() {
    // the first calls run interpreted, the later ones compiled: the same bits throughout
    Generator gen = new Generator(5);
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 2, 8, 5, 7).mul(3).add(2);
    Tensor g = Tensor.randn(gen, DType.FLOAT32, 2, 8, 5, 7);
    Tensor w = Tensor.randn(gen, DType.FLOAT32, 8);
    Tensor b = Tensor.randn(gen, DType.FLOAT32, 8);
    float[] first = null;
    float[] sums = null;
    for (int round = 0; round < 20_000; round++) {
      Tensor moments = NN.batchNormMoments(x);
      Tensor mean = moments.select(0, 0);
      Tensor invstd = invstd(moments.select(0, 1));
      List<float[]> all = new ArrayList<>();
      all.add(floats(moments));
      all.add(floats(NN.batchNorm(x, w, b, mean, invstd)));
      all.add(floats(NN.batchNormInputGrad(g, x, w, mean, invstd, true)));
      all.add(floats(NN.batchNormWeightGrad(g, x, mean, invstd)));
      float[] flat = concat(all);
      float[] s = {FloatOps.sum(flat, 0, flat.length)};
      if (first == null) {
        first = flat;
        sums = s;
      } else if (round % 1000 == 0 || round == 19_999) {
        assertArrayEquals(first, flat, "round " + round);
        assertArrayEquals(sums, s, "sum, round " + round);
      }
    }
    assertTrue(first.length > 0);
  }

  private static List<float[]> convolution(Tensor x, Tensor w, Tensor g, Conv2dParams p) {
    return List.of(
        floats(NN.conv2d(x, w, null, p)),
        floats(NN.conv2dInputGrad(g, w, x.shape(), p)),
        floats(NN.conv2dWeightGrad(g, x, w.shape(), p)));
  }

  private static Tensor invstd(Tensor variance) {
    float[] v = floats(variance);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (1 / Math.sqrt(v[i] + 1e-5));
    }
    return Tensor.fromArray(v, v.length);
  }

  private static float[] floats(Tensor t) {
    Tensor d = t.contiguous();
    float[] all = d.storage().floats();
    float[] out = new float[d.numel()];
    System.arraycopy(all, d.offset(), out, 0, out.length);
    return out;
  }

  private static float[] concat(List<float[]> parts) {
    int n = parts.stream().mapToInt(a -> a.length).sum();
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static float[] random(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }
}
