package dev.adjoint.bench.scalar;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The primal and the generated accumulating adjoint of {@link LongFunction}, a function whose
 * adjoint as one method would be over HotSpot's 8000-byte limit for JIT compilation and is split
 * into parts under it, with the JVM's default and, in {@link Compiled}, with {@code
 * -XX:-DontCompileHugeMethods} (which compiles any method: with one-method sweeps, what the split
 * is measured against). With {@code -prof gc}: the split form allocates nothing either.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1)
public class LongFunctionBenchmark {
  // not final, so the JIT cannot fold the inputs
  private double a = 0.3;
  private double b = -0.7;
  private double c = 1.1;
  private final double[] partials = new double[3];

  @Benchmark
  public double primal() {
    return LongFunction.f(a, b, c);
  }

  @Benchmark
  public double generated() {
    Arrays.fill(partials, 0);
    return LongFunctionGrad.f(a, b, c, 1.0, partials) + partials[0];
  }

  /** The same two benchmarks with huge methods compiled. */
  @Fork(value = 1, jvmArgsAppend = "-XX:-DontCompileHugeMethods")
  public static class Compiled extends LongFunctionBenchmark {}
}
