package dev.adjoint.bench.anomaly;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * {@link AnomalyCheckBenchmark}'s pairs timed in thread CPU time, each adjoint with its checks and
 * without them alternated in blocks in one JVM: the per-core ratio, steady when other processes
 * share the machine (wall-clock JMH figures move with the load). Prints, per pair, the CPU time per
 * call of each and their ratio over all blocks after the warm-up ones.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.adjoint.bench.anomaly.AnomalyCheckCpuTime [rounds]}
 */
public final class AnomalyCheckCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static double sink;

  private AnomalyCheckCpuTime() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    double[] partials = new double[4];
    double[] point = new double[1000];
    double[] gradient = new double[1000];
    for (int i = 0; i < point.length; i++) {
      point[i] = Math.sin(i) * 1.5;
    }
    double x = 0.7;
    double y = -1.3;
    double z = 0.4;
    double w = 2.1;
    Generator gen = new Generator(1);
    Tensor tx = Tensor.randn(gen, DType.FLOAT32, 32, 64).requiresGrad(true);
    Tensor tw = Tensor.randn(gen, DType.FLOAT32, 64, 64).mul(0.1f).requiresGrad(true);
    pair(
        "scalar (30 operations)",
        rounds,
        200_000,
        () -> {
          Arrays.fill(partials, 0);
          return CheckedFunctionsGrad.scalar(x, y, z, w, 1.0, partials) + partials[3];
        },
        () -> {
          Arrays.fill(partials, 0);
          return CheckedFunctionsGrad.scalarPlain(x, y, z, w, 1.0, partials) + partials[3];
        });
    pair(
        "rosenbrock (n = 1000)",
        rounds,
        10_000,
        () -> {
          Arrays.fill(gradient, 0);
          return CheckedFunctionsGrad.rosenbrock(point, 1.0, gradient) + gradient[7];
        },
        () -> {
          Arrays.fill(gradient, 0);
          return CheckedFunctionsGrad.rosenbrockPlain(point, 1.0, gradient) + gradient[7];
        });
    pair(
        "tensor (32×64 · 64×64)",
        rounds,
        300,
        () -> {
          tx.setGrad(null);
          tw.setGrad(null);
          return CheckedFunctionsGrad.tensorBackward(tx, tw).item();
        },
        () -> {
          tx.setGrad(null);
          tw.setGrad(null);
          return CheckedFunctionsGrad.tensorPlainBackward(tx, tw).item();
        });
    System.out.println(sink == 42 ? "" : "(done)");
  }

  private static void pair(
      String name, int rounds, int calls, DoubleSupplier checked, DoubleSupplier plain) {
    long checkedNanos = 0;
    long plainNanos = 0;
    int warmUp = rounds / 3;
    for (int r = 0; r < rounds; r++) {
      // alternate which goes first, so neither always runs right after the other's work
      long a = r % 2 == 0 ? block(checked, calls) : 0;
      long b = block(plain, calls);
      if (r % 2 == 1) {
        a = block(checked, calls);
      }
      if (r >= warmUp) {
        checkedNanos += a;
        plainNanos += b;
      }
    }
    long measured = (long) (rounds - warmUp) * calls;
    System.out.printf(
        Locale.ROOT,
        "%-24s checked %10.1f ns/call   plain %10.1f ns/call   checked/plain %.3f%n",
        name,
        (double) checkedNanos / measured,
        (double) plainNanos / measured,
        (double) checkedNanos / plainNanos);
  }

  private static long block(DoubleSupplier f, int calls) {
    long start = THREADS.getCurrentThreadCpuTime();
    double s = 0;
    for (int i = 0; i < calls; i++) {
      s += f.getAsDouble();
    }
    sink += s;
    return THREADS.getCurrentThreadCpuTime() - start;
  }
}
