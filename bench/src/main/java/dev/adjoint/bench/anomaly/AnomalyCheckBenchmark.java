package dev.adjoint.bench.anomaly;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the generated anomaly checks cost with anomaly mode off: each generated adjoint with its
 * checks (read once per call: {@code AnomalyMode.isEnabled()}, then a branch per value) beside the
 * same adjoint generated without them ({@code @Differentiable(anomalyChecks = false)}), side by
 * side in one run. Each pair should take the same time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class AnomalyCheckBenchmark {
  // not final, so the JIT cannot fold the inputs
  private double x = 0.7;
  private double y = -1.3;
  private double z = 0.4;
  private double w = 2.1;
  private final double[] partials = new double[4];
  private final double[] point = new double[1000];
  private final double[] gradient = new double[1000];
  private Tensor tx;
  private Tensor tw;

  @Setup
  public void setUp() {
    for (int i = 0; i < point.length; i++) {
      point[i] = Math.sin(i) * 1.5;
    }
    Generator gen = new Generator(1);
    tx = Tensor.randn(gen, DType.FLOAT32, 32, 64).requiresGrad(true);
    tw = Tensor.randn(gen, DType.FLOAT32, 64, 64).mul(0.1f).requiresGrad(true);
  }

  @Benchmark
  public double scalarChecked() {
    Arrays.fill(partials, 0);
    return CheckedFunctionsGrad.scalar(x, y, z, w, 1.0, partials) + partials[3];
  }

  @Benchmark
  public double scalarPlain() {
    Arrays.fill(partials, 0);
    return CheckedFunctionsGrad.scalarPlain(x, y, z, w, 1.0, partials) + partials[3];
  }

  @Benchmark
  public double rosenbrockChecked() {
    Arrays.fill(gradient, 0);
    return CheckedFunctionsGrad.rosenbrock(point, 1.0, gradient) + gradient[7];
  }

  @Benchmark
  public double rosenbrockPlain() {
    Arrays.fill(gradient, 0);
    return CheckedFunctionsGrad.rosenbrockPlain(point, 1.0, gradient) + gradient[7];
  }

  @Benchmark
  public Tensor tensorChecked() {
    tx.setGrad(null);
    tw.setGrad(null);
    return CheckedFunctionsGrad.tensorBackward(tx, tw);
  }

  @Benchmark
  public Tensor tensorPlain() {
    tx.setGrad(null);
    tw.setGrad(null);
    return CheckedFunctionsGrad.tensorPlainBackward(tx, tw);
  }
}
