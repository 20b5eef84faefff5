package dev.adjoint.bench.engines;

import dev.adjoint.runtime.backend.cpu.Gemm;
import java.util.Arrays;
import java.util.Random;

/** Times Gemm.sgemm on the MLP step's shapes (median and min microseconds), 1 and 2 threads. */
public final class GemmShapes {
  private GemmShapes() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    // transA, transB, m, n, k: x·W1ᵀ, W1's gradient Ḡᵀ·x (and its transpose), h·W2ᵀ, W2's
    // gradient, h's gradient
    int[][] shapes = {
      {0, 1, 64, 512, 784},
      {1, 0, 512, 784, 64},
      {1, 0, 784, 512, 64},
      {0, 1, 64, 10, 512},
      {1, 0, 10, 512, 64},
      {0, 0, 64, 512, 10}
    };
    Random random = new Random(1);
    float[] a = new float[512 * 784];
    float[] b = new float[512 * 784];
    float[] c = new float[512 * 784];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
      b[i] = (float) random.nextGaussian();
    }
    for (int threads : new int[] {2, 1}) {
      Gemm.setThreads(threads);
      for (int[] s : shapes) {
        boolean ta = s[0] == 1;
        boolean tb = s[1] == 1;
        int m = s[2];
        int n = s[3];
        int k = s[4];
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        long[] t = new long[reps];
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
          t[r] = System.nanoTime() - t0;
        }
        long[] v = Arrays.copyOfRange(t, reps / 2, reps);
        Arrays.sort(v);
        double med = v[v.length / 2] / 1e3;
        System.out.printf(
            "threads %d %s%s m=%d n=%d k=%d: median %.1f us (%.0f GFLOP/s) min %.1f us%n",
            threads,
            ta ? "T" : "N",
            tb ? "T" : "N",
            m,
            n,
            k,
            med,
            2.0 * m * n * k / med / 1e3,
            v[0] / 1e3);
      }
    }
  }
}
