package dev.adjoint.bench.ode;

import dev.adjoint.examples.ode.Integrators;
import dev.adjoint.examples.ode.IntegratorsGrad;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * {@link TimeSteppingBenchmark}'s work, the primal and the generated gradient alternated in blocks
 * in one JVM and timed in the thread's CPU time: steady on a machine shared with other work, where
 * wall-clock means move with the load. Prints each block, then the median generated / primal ratio
 * of each workload. Run with {@code java -cp bench/target/benchmarks.jar
 * dev.adjoint.bench.ode.TimeSteppingCpuTime [blocks] [calls per block]}.
 */
public final class TimeSteppingCpuTime {
  private TimeSteppingCpuTime() {}

  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    double[] partials = new double[6];
    measure(
        "RK4, 500 steps",
        blocks,
        calls,
        () -> Integrators.oscillatorRk4(0.8, -0.3, 2.0, 0.15, 0.4, 0.01, 500),
        () -> {
          Arrays.fill(partials, 0);
          return IntegratorsGrad.oscillatorRk4(0.8, -0.3, 2.0, 0.15, 0.4, 0.01, 500, 1, partials);
        });
    double[] u0 = new double[256];
    for (int i = 0; i < u0.length; i++) {
      u0[i] = Math.sin(0.05 * i) + 0.01 * i;
    }
    double[] dKappa = new double[1];
    double[] dU0 = new double[u0.length];
    measure(
        "ping-pong stencil, n = 256, 64 steps",
        blocks,
        calls / 4,
        () -> Integrators.diffuse(u0, 0.21, 64),
        () -> {
          Arrays.fill(dKappa, 0);
          Arrays.fill(dU0, 0);
          return IntegratorsGrad.diffuse(u0, 0.21, 64, 1, dKappa, dU0);
        });
  }

  private static void measure(
      String name, int blocks, int calls, DoubleSupplier primal, DoubleSupplier generated) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int warmup = Math.min(5, blocks / 3);
    double[] ratios = new double[blocks - warmup];
    double[] primalTimes = new double[blocks - warmup];
    double[] generatedTimes = new double[blocks - warmup];
    double sink = 0;
    for (int b = 0; b < blocks; b++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int c = 0; c < calls; c++) {
        sink += primal.getAsDouble();
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      for (int c = 0; c < calls; c++) {
        sink += generated.getAsDouble();
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      double p = (t1 - t0) / (calls * 1e3);
      double g = (t2 - t1) / (calls * 1e3);
      System.out.printf(
          "%s, block %2d%s: primal %8.2f µs, generated %8.2f µs, ratio %.3f%n",
          name, b, b < warmup ? " (warm-up)" : "", p, g, g / p);
      if (b >= warmup) {
        ratios[b - warmup] = g / p;
        primalTimes[b - warmup] = p;
        generatedTimes[b - warmup] = g;
      }
    }
    Arrays.sort(ratios);
    Arrays.sort(primalTimes);
    Arrays.sort(generatedTimes);
    System.out.printf(
        "%s: medians primal %.2f µs, generated %.2f µs; generated / primal %.3f (range %.3f–%.3f"
            + " over %d blocks)%s%n",
        name,
        primalTimes[primalTimes.length / 2],
        generatedTimes[generatedTimes.length / 2],
        ratios[ratios.length / 2],
        ratios[0],
        ratios[ratios.length - 1],
        ratios.length,
        Double.isFinite(sink) ? "" : " (NOT finite)");
  }
}
