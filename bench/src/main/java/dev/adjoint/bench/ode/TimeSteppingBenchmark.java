package dev.adjoint.bench.ode;

import dev.adjoint.examples.ode.Integrators;
import dev.adjoint.examples.ode.IntegratorsGrad;
import java.util.Arrays;
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

/**
 * Loops that carry a state from pass to pass, whose reverse sweeps use the compile-time tape: the
 * RK4 integrator of {@link Integrators#oscillatorRk4} (500 steps; the tape keeps x and v, 2 doubles
 * a step, the rest is recomputed) and the ping-pong diffusion stencil of {@link
 * Integrators#diffuse} (n = 256, 64 steps, two buffers swapped each step), each as the primal and
 * the generated gradient (the allocation-free accumulating form) in one run. Target: generated /
 * primal ≤ 2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TimeSteppingBenchmark {
  private static final int RK4_STEPS = 500;
  private static final int STENCIL_STEPS = 64;

  // not final, so the JIT cannot fold the inputs
  private double x0 = 0.8;
  private double v0 = -0.3;
  private double k = 2.0;
  private double c = 0.15;
  private double e = 0.4;
  private double dt = 0.01;
  private final double[] rk4Partials = new double[6];

  private double[] u0;
  private double kappa = 0.21;
  private double[] stencilPartials;
  private double[] u0Partials;

  @Setup
  public void setUp() {
    u0 = new double[256];
    for (int i = 0; i < u0.length; i++) {
      u0[i] = Math.sin(0.05 * i) + 0.01 * i;
    }
    stencilPartials = new double[1];
    u0Partials = new double[u0.length];
  }

  @Benchmark
  public double rk4Primal() {
    return Integrators.oscillatorRk4(x0, v0, k, c, e, dt, RK4_STEPS);
  }

  @Benchmark
  public double rk4Generated() {
    Arrays.fill(rk4Partials, 0);
    return IntegratorsGrad.oscillatorRk4(x0, v0, k, c, e, dt, RK4_STEPS, 1.0, rk4Partials);
  }

  @Benchmark
  public double stencilPrimal() {
    return Integrators.diffuse(u0, kappa, STENCIL_STEPS);
  }

  @Benchmark
  public double stencilGenerated() {
    Arrays.fill(stencilPartials, 0);
    Arrays.fill(u0Partials, 0);
    return IntegratorsGrad.diffuse(u0, kappa, STENCIL_STEPS, 1.0, stencilPartials, u0Partials);
  }
}
