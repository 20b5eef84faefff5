package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchThreads;
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
 * REFERENCE R6's training step ({@link ResNetSteps}: ResNet-18 forward on 3×64×64, the summed
 * difference from random labels, backward, SGD with momentum) at batch 1 and 8, on our two engines
 * (the adjoint generated at build time and the dynamic tape) and in libtorch at its best setting on
 * this machine (1 torch thread + 2 OpenBLAS threads, PEERS.md; {@code 2+2} beside it, and {@code
 * 1+1}, which spins no second thread and is the best one while other work holds the cores). Issue
 * 11's target: each of our engines at most 0.6× libtorch's time. {@code ResNetStepsAgreeTest}
 * checks that the three compute the same step.
 *
 * <p>Every {@value #STEPS_PER_RUN} steps each engine is reset, outside the timing (a per-invocation
 * setup, whose cost JMH's docs warn about only for steps far shorter than these tens of
 * milliseconds), to its initial weights, running statistics and empty momentum buffers: R6's summed
 * loss grows without bound under SGD, and a long run would time steps on values that are no longer
 * finite.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "--add-modules=jdk.incubator.vector",
      "-Dorg.bytedeco.javacpp.nopointergc=true",
      "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
      "-Xmx6g"
    })
public class ResNetStepBenchmark {
  /** How many steps run between two resets. */
  static final int STEPS_PER_RUN = 10;

  /** The batch size. */
  @State(Scope.Thread)
  public static class Batch {
    @Param({"1", "8"})
    public int batch;
  }

  /** One engine's step and how many steps it has run since its last reset. */
  abstract static class Engine {
    ResNetSteps.Step step;
    private int sinceReset;

    void resetEveryRun() {
      if (++sinceReset > STEPS_PER_RUN) {
        step.reset();
        sinceReset = 1;
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      step.close();
    }
  }

  /** The adjoint generated from {@code ResNet.loss} at build time. */
  @State(Scope.Thread)
  public static class Generated extends Engine {
    @Setup(Level.Trial)
    public void setUp(Batch b) {
      step = ResNetSteps.generated(b.batch);
    }

    @Setup(Level.Invocation)
    public void beforeStep() {
      resetEveryRun();
    }
  }

  /** The dynamic tape. */
  @State(Scope.Thread)
  public static class Tape extends Engine {
    @Setup(Level.Trial)
    public void setUp(Batch b) {
      step = ResNetSteps.tape(b.batch);
    }

    @Setup(Level.Invocation)
    public void beforeStep() {
      resetEveryRun();
    }
  }

  /** libtorch, under one thread setting. */
  @State(Scope.Thread)
  public static class Torch extends Engine {
    @Param({"1+2", "2+2", "1+1"})
    public String threads;

    @Setup(Level.Trial)
    public void setUp(Batch b) {
      TorchThreads.of(threads).apply();
      step = ResNetSteps.libtorch(b.batch);
    }

    @Setup(Level.Invocation)
    public void beforeStep() {
      resetEveryRun();
    }
  }

  @Benchmark
  public double generated(Generated s) {
    return s.step.run();
  }

  @Benchmark
  public double tape(Tape s) {
    return s.step.run();
  }

  @Benchmark
  public double libtorch(Torch s) {
    return s.step.run();
  }
}
