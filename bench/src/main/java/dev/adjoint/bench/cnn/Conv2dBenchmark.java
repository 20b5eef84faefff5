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
 * float32 {@code conv2d} forward + backward (the weight's gradient, and the input's where ResNet-18
 * needs it) for ResNet-18's convolution shapes at 64 × 64 ({@link ResNetConvLayer}): ours on the
 * dynamic tape ({@link TapeConvolutions}) against libtorch ({@link TorchConvolutions}). {@code
 * layer = NETWORK} runs every convolution of the network once per operation, each shape as often as
 * the network has it: the sum the target (≤ 0.6× libtorch) is about; a constant's name runs
 * that shape alone. Ours uses the default threads (all processors); libtorch runs under both
 * settings of {@link TorchThreads} ({@code 1+2} is its figure).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "--add-modules=jdk.incubator.vector",
      "-Dorg.bytedeco.javacpp.nopointergc=true",
      "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"
    })
public class Conv2dBenchmark {
  /** Which convolutions one operation runs, and the batch. */
  @State(Scope.Thread)
  public static class Shapes {
    /** A {@link ResNetConvLayer} name, or NETWORK for all of them. */
    @Param({"NETWORK"})
    public String layer;

    @Param({"1", "8"})
    public int batch;
  }

  /** Ours. */
  @State(Scope.Thread)
  public static class Ours {
    TapeConvolutions work;

    @Setup(Level.Trial)
    public void setUp(Shapes shapes) {
      work = new TapeConvolutions(ResNetConvLayer.named(shapes.layer), shapes.batch, 1);
    }
  }

  /** libtorch, under one thread setting. */
  @State(Scope.Thread)
  public static class Torch {
    @Param({"1+2", "2+2"})
    public String threads;

    TorchConvolutions work;

    @Setup(Level.Trial)
    public void setUp(Shapes shapes) {
      TorchThreads.of(threads).apply();
      work = new TorchConvolutions(ResNetConvLayer.named(shapes.layer), shapes.batch, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      work.close();
    }
  }

  @Benchmark
  public double ours(Ours s) {
    return s.work.step();
  }

  @Benchmark
  public double torch(Torch s) {
    return s.work.step();
  }
}
