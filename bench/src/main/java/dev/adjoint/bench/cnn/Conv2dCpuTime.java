package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchThreads;
import dev.adjoint.runtime.backend.cpu.Gemm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * ResNet-18's convolutions forward and backward ({@link Conv2dBenchmark}'s work), ours and
 * libtorch's alternated in blocks in one JVM, both on one thread (ours {@code Gemm.setThreads(1)},
 * libtorch {@link TorchThreads#SINGLE}), timed in that thread's CPU time: the per-core cost of
 * each, steady on a machine shared with other work, where wall-clock means of two threads are not.
 * Prints each block, then the median ratio. Run with {@code java --enable-native-access=ALL-UNNAMED
 * --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector
 * -Dorg.bytedeco.javacpp.nopointergc=true -cp bench/target/benchmarks.jar
 * dev.adjoint.bench.cnn.Conv2dCpuTime [batch] [layer] [blocks] [steps per block]}.
 */
public final class Conv2dCpuTime {
  private Conv2dCpuTime() {}

  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    String layer = args.length > 1 ? args[1] : "NETWORK";
    int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Gemm.setThreads(1);
    TorchThreads.SINGLE.apply();
    TapeConvolutions ours = new TapeConvolutions(ResNetConvLayer.named(layer), batch, 1);
    int warmup = Math.min(3, blocks / 3);
    double[] ratios = new double[blocks - warmup];
    double sink = 0;
    try (TorchConvolutions torch = new TorchConvolutions(ResNetConvLayer.named(layer), batch, 1)) {
      for (int b = 0; b < blocks; b++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
          sink += ours.step();
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
          sink += torch.step();
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        double o = (t1 - t0) / (steps * 1e6);
        double t = (t2 - t1) / (steps * 1e6);
        System.out.printf(
            "block %2d%s: ours %7.2f ms, libtorch %7.2f ms, ratio %.3f%n",
            b, b < warmup ? " (warm-up)" : "", o, t, o / t);
        if (b >= warmup) {
          ratios[b - warmup] = o / t;
        }
      }
    }
    Arrays.sort(ratios);
    System.out.printf(
        "%s batch %d, one thread each: median ours/libtorch over %d blocks %.3f (range %.3f–%.3f)%s%n",
        layer,
        batch,
        ratios.length,
        ratios[ratios.length / 2],
        ratios[0],
        ratios[ratios.length - 1],
        Double.isFinite(sink) ? "" : " (NOT finite)");
  }
}
