package dev.adjoint.bench.scalar;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gradient of a ~30-operation scalar function three ways: the primal alone (the baseline), the
 * generated adjoint, and central finite differences (2n + 1 primal calls for n = 4 inputs).
 *
 * <p>Reverse mode costs a small constant times the primal whatever n is; the target is a ratio of
 * at most 3, with no allocation: the gradient benchmark consumes each component separately, so
 * escape analysis can scalar-replace the result record. {@link #gradientRecord} consumes the record
 * itself, which forces it onto the heap, to show what that costs.
 *
 * <p>{@link #accumulatedGradient} is the form for hot loops: the generated core adds the partials
 * into a caller's array and returns the value, so it allocates nothing whether or not the JIT
 * inlines it.
 *
 * <p>Measured (JDK 25, C2): the record form still allocates once the adjoint body is too big to
 * inline. The seeded overload the generated {@code f(x, y, z, w)} delegates to is 853 bytes of
 * bytecode, over {@code -XX:FreqInlineSize} (325), so C2 does not inline it ("hot method too big")
 * and the record escapes through its return. With {@code
 * -XX:CompileCommand=inline,dev.adjoint.bench.scalar.ScalarFunctionGrad::*} it is inlined and
 * scalar-replaced: 0 B/op. Raising FreqInlineSize alone is not enough: the seedless overload is
 * then compiled on its own with the body inlined, and is itself too big to inline ("already
 * compiled into a big method", {@code -XX:InlineSmallCode}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScalarBenchmark {
  // not final, so the JIT cannot fold the inputs
  private double x = 0.7;
  private double y = -1.3;
  private double z = 0.4;
  private double w = 2.1;

  @Benchmark
  public double primal() {
    return ScalarFunction.f(x, y, z, w);
  }

  @Benchmark
  public void gradient(Blackhole bh) {
    ScalarFunctionGrad.FGradient g = ScalarFunctionGrad.f(x, y, z, w);
    bh.consume(g.value());
    bh.consume(g.x());
    bh.consume(g.y());
    bh.consume(g.z());
    bh.consume(g.w());
  }

  private final double[] partials = new double[4];

  @Benchmark
  public void accumulatedGradient(Blackhole bh) {
    java.util.Arrays.fill(partials, 0);
    bh.consume(ScalarFunctionGrad.f(x, y, z, w, 1.0, partials));
    bh.consume(partials);
  }

  @Benchmark
  public ScalarFunctionGrad.FGradient gradientRecord() {
    return ScalarFunctionGrad.f(x, y, z, w);
  }

  @Benchmark
  public void finiteDifferences(Blackhole bh) {
    double h = 1e-6;
    bh.consume(ScalarFunction.f(x, y, z, w));
    bh.consume((ScalarFunction.f(x + h, y, z, w) - ScalarFunction.f(x - h, y, z, w)) / (2 * h));
    bh.consume((ScalarFunction.f(x, y + h, z, w) - ScalarFunction.f(x, y - h, z, w)) / (2 * h));
    bh.consume((ScalarFunction.f(x, y, z + h, w) - ScalarFunction.f(x, y, z - h, w)) / (2 * h));
    bh.consume((ScalarFunction.f(x, y, z, w + h) - ScalarFunction.f(x, y, z, w - h)) / (2 * h));
  }
}
