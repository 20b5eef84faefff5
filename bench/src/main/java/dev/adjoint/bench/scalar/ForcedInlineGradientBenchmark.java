package dev.adjoint.bench.scalar;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link ScalarBenchmark#gradient} with the generated methods force-inlined, which lets escape
 * analysis scalar-replace the result record: the allocation-free figure, and what C2's default
 * inlining limits cost (see {@link ScalarBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-XX:CompileCommand=inline,dev.adjoint.bench.scalar.ScalarFunctionGrad::*")
public class ForcedInlineGradientBenchmark {
  private double x = 0.7;
  private double y = -1.3;
  private double z = 0.4;
  private double w = 2.1;

  @Benchmark
  public void gradient(Blackhole bh) {
    ScalarFunctionGrad.FGradient g = ScalarFunctionGrad.f(x, y, z, w);
    bh.consume(g.value());
    bh.consume(g.x());
    bh.consume(g.y());
    bh.consume(g.z());
    bh.consume(g.w());
  }
}
