package dev.adjoint.bench.torch;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * libtorch's figures for the workloads the engine comparison uses, under both thread settings
 * ({@link TorchThreads}). The state is per thread so that libtorch's thread count is set on the
 * thread that runs the workload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "--add-modules=jdk.incubator.vector",
      "-Dorg.bytedeco.javacpp.nopointergc=true",
      "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"
    })
public class TorchWorkloadBenchmark {
  /** libtorch threads + OpenBLAS threads; "1+2" is the setting reported as libtorch's figure. */
  @Param({"1+2", "2+2", "1+1"})
  public String threads;

  private TorchMlpStep mlp;
  private TorchTemperature temperature;
  private TorchSeedLayer seedLayer;
  private TorchRosenbrock rosenbrock;

  @Setup(Level.Trial)
  public void setUp() {
    TorchThreads.of(threads).apply();
    mlp = new TorchMlpStep(42);
    temperature = new TorchTemperature();
    seedLayer = new TorchSeedLayer(42);
    rosenbrock = new TorchRosenbrock(42);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    mlp.close();
    temperature.close();
    seedLayer.close();
    rosenbrock.close();
  }

  /** Batch 64, 784 -> 512 ReLU -> 10, softmax cross-entropy, SGD step. */
  @Benchmark
  public float mlpStep() {
    return mlp.step();
  }

  /** REFERENCE.md R4: 5000 epochs of the linear model, MSE, manual update under no-grad. */
  @Benchmark
  public float[] temperature() {
    return temperature.train(TorchTemperature.EPOCHS);
  }

  /** REFERENCE.md R3: one layer, BCE with logits, forward and backward. */
  @Benchmark
  public float seedLayer() {
    return seedLayer.forwardBackward();
  }

  /** Gradient of the n = 1000 Rosenbrock function in float64. */
  @Benchmark
  public double rosenbrock() {
    return rosenbrock.gradient();
  }
}
