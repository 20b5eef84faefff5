package dev.adjoint.bench.rosenbrock;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rosenbrock with n = 1000 doubles, a loop over an array: the primal, the generated gradient (the
 * allocation-free accumulating form, and the record form), and the four hand-written adjoints of
 * {@link Rosenbrock}, in one run. Targets: generated / primal ≤ 2, generated / hand-written
 * two-sweep ≤ 1.1, and 0 B/op for the accumulating form ({@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class RosenbrockBenchmark {
  private double[] x;
  private double[] gradient;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    gradient = new double[x.length];
  }

  @Benchmark
  public double primal() {
    return Rosenbrock.value(x);
  }

  @Benchmark
  public double generated() {
    Arrays.fill(gradient, 0);
    return RosenbrockGrad.value(x, 1.0, gradient);
  }

  @Benchmark
  public void generatedRecord(Blackhole bh) {
    bh.consume(RosenbrockGrad.value(x));
  }

  @Benchmark
  public double handFused() {
    Arrays.fill(gradient, 0);
    return Rosenbrock.fused(x, gradient);
  }

  @Benchmark
  public double handTwoSweeps() {
    Arrays.fill(gradient, 0);
    return Rosenbrock.twoSweeps(x, gradient);
  }

  @Benchmark
  public double handFission() {
    Arrays.fill(gradient, 0);
    return Rosenbrock.fission(x, gradient);
  }

  @Benchmark
  public double handGather() {
    Arrays.fill(gradient, 0);
    return Rosenbrock.gather(x, gradient);
  }
}
