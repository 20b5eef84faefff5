package dev.adjoint.bench.gemm;

import dev.adjoint.bench.torch.TorchThreads;
import dev.adjoint.runtime.backend.cpu.Gemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
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
 * Square float32 GEMM, {@code C = A * B}: our {@link Gemm#sgemm} on heap arrays against OpenBLAS's
 * {@code cblas_sgemm} on native memory (the library libtorch itself links) and libtorch's {@code
 * mm_out}, with 2 threads (the target) and 1 (the kernels alone): ours and OpenBLAS use
 * that many; libtorch keeps 1 thread of its own (see {@link TorchThreads#BEST}) and OpenBLAS's.
 * Each peer has its own state, so a fork loads only what it measures. GFLOP/s = 2 n^3 / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
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
public class GemmBenchmark {

  /** The operands, the same random values for every peer. */
  @State(Scope.Thread)
  public static class Operands {
    @Param({"1024"})
    public int n;

    /** Threads for ours and for OpenBLAS (libtorch's own pool stays at 1; its mm calls BLAS). */
    @Param({"2", "1"})
    public int threads;

    float[] a;
    float[] b;
    float[] c;

    @Setup(Level.Trial)
    public void fill() {
      Gemm.setThreads(threads);
      Random rnd = new Random(1);
      a = new float[n * n];
      b = new float[n * n];
      c = new float[n * n];
      for (int i = 0; i < n * n; i++) {
        a[i] = rnd.nextFloat() * 2 - 1;
        b[i] = rnd.nextFloat() * 2 - 1;
      }
    }
  }

  /** The operands copied to native memory for OpenBLAS. */
  @State(Scope.Thread)
  public static class Native {
    FloatPointer a;
    FloatPointer b;
    FloatPointer c;

    @Setup(Level.Trial)
    public void copy(Operands o) {
      TorchThreads.BEST.apply();
      openblas.blas_set_num_threads(o.threads);
      a = new FloatPointer(o.a);
      b = new FloatPointer(o.b);
      c = new FloatPointer(o.c);
    }

    @TearDown(Level.Trial)
    public void free() {
      a.close();
      b.close();
      c.close();
    }
  }

  /** The operands as libtorch tensors. */
  @State(Scope.Thread)
  public static class Tensors {
    Tensor a;
    Tensor b;
    Tensor c;

    @Setup(Level.Trial)
    public void copy(Operands o) {
      TorchThreads.BEST.apply();
      openblas.blas_set_num_threads(o.threads);
      long[] shape = {o.n, o.n};
      try (PointerScope scope = new PointerScope()) {
        TensorOptions f32 = new TensorOptions(torch.ScalarType.Float);
        a = torch.from_blob(new FloatPointer(o.a), shape, f32).clone();
        b = torch.from_blob(new FloatPointer(o.b), shape, f32).clone();
        c = torch.zeros(shape, f32);
        // Keep the operands past the scope: detach() drops the scope's reference, so retain first.
        a.retainReference();
        b.retainReference();
        c.retainReference();
        scope.detach(a).detach(b).detach(c);
      }
    }

    @TearDown(Level.Trial)
    public void free() {
      a.close();
      b.close();
      c.close();
    }
  }

  @Benchmark
  public float[] adjoint(Operands o) {
    int n = o.n;
    Gemm.sgemm(false, false, n, n, n, 1f, o.a, 0, n, o.b, 0, n, 0f, o.c, 0, n);
    return o.c;
  }

  @Benchmark
  public FloatPointer openblas(Operands o, Native p) {
    int n = o.n;
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        openblas.CblasNoTrans,
        openblas.CblasNoTrans,
        n,
        n,
        n,
        1f,
        p.a,
        n,
        p.b,
        n,
        0f,
        p.c,
        n);
    return p.c;
  }

  @Benchmark
  public Tensor libtorch(Tensors t) {
    try (PointerScope scope = new PointerScope()) {
      torch.mm_out(t.c, t.a, t.b);
    }
    return t.c;
  }
}
