package dev.adjoint.bench.engines;

import dev.adjoint.runtime.backend.cpu.Gemm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The MLP step of both engines ({@link GeneratedWorkloads.MlpStep}, {@link TapeWorkloads.MlpStep})
 * alternated in blocks in one JVM, on one thread ({@code Gemm.setThreads(1)}), timed in that
 * thread's CPU time: on a machine shared with other work this gives the generated/tape ratio with a
 * spread of a few percent, where wall-clock JMH means of the two-thread step move by ±20% (see the
 * README's engine comparison). Prints each block's times and ratio, then the median ratio. Run with
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.adjoint.bench.engines.MlpEngineCpuTime [blocks] [steps per block]}.
 */
public final class MlpEngineCpuTime {
  private MlpEngineCpuTime() {}

  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Gemm.setThreads(1);
    GeneratedWorkloads.MlpStep generated = new GeneratedWorkloads.MlpStep(42);
    TapeWorkloads.MlpStep tape = new TapeWorkloads.MlpStep(42);
    // the first blocks warm both up (JIT); they are printed but left out of the median
    int warmup = Math.min(4, blocks / 3);
    double[] ratios = new double[blocks - warmup];
    double sink = 0;
    for (int b = 0; b < blocks; b++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int s = 0; s < steps; s++) {
        sink += generated.step();
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      for (int s = 0; s < steps; s++) {
        sink += tape.step();
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      double g = (t1 - t0) / (steps * 1e3);
      double t = (t2 - t1) / (steps * 1e3);
      System.out.printf(
          "block %2d%s: generated %7.1f µs, tape %7.1f µs, ratio %.3f%n",
          b, b < warmup ? " (warm-up)" : "", g, t, g / t);
      if (b >= warmup) {
        ratios[b - warmup] = g / t;
      }
    }
    Arrays.sort(ratios);
    System.out.printf(
        "median generated/tape over %d blocks: %.3f (range %.3f–%.3f); losses %s%n",
        ratios.length,
        ratios[ratios.length / 2],
        ratios[0],
        ratios[ratios.length - 1],
        Double.isFinite(sink) ? "finite" : "NOT finite");
  }
}
