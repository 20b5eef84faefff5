package dev.adjoint.bench.gpu;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.backend.cuda.Cuda;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The GPU benchmarks against PyTorch (scripts/gpu_torch_bench.py times the same workloads there):
 * the MLP training step {@code 784 → 4096 → 4096 → 10} at batch 64 and 4096 with both engines, and
 * R4's 5000-epoch training loop on the tape. Each is warmed up, then timed in five repeats of a
 * block of steps between two synchronisations (wall clock), and the median written as {@code
 * workload engine milliseconds-per-step} to the file given (and to the console). Inputs are random,
 * never zeros. Run on a machine with a GPU: {@code java --enable-native-access=ALL-UNNAMED
 * --add-modules jdk.incubator.vector -cp ... dev.adjoint.bench.gpu.GpuBenchmarks results.tsv}.
 */
public final class GpuBenchmarks {
  private GpuBenchmarks() {}

  private static final Device GPU = Device.cuda();

  /** One workload's step. */
  @FunctionalInterface
  interface Step {
    void run();
  }

  static double millisPerStep(Step step, int warmup, int steps) {
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    Cuda.synchronize();
    double[] repeats = new double[5];
    for (int r = 0; r < repeats.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step.run();
      }
      Cuda.synchronize();
      repeats[r] = (System.nanoTime() - t0) / 1e6 / steps;
    }
    Arrays.sort(repeats);
    return repeats[repeats.length / 2];
  }

  static Step mlpStep(int batch, boolean generated) {
    Generator gen = new Generator(42);
    WideMlp model = new WideMlp(784, 4096, 10, gen).to(GPU);
    Tensor x = Tensor.randn(gen, DType.FLOAT32, batch, 784).to(GPU);
    long[] labels = new long[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = (long) Math.floor(gen.nextUniform(0, 10));
    }
    Tensor y = Tensor.ofLongs(labels).to(GPU);
    Sgd sgd = new Sgd(model.parameters(), 0.01);
    return () -> {
      sgd.zeroGrad();
      if (generated) {
        WideMlpGrad.lossBackward(model, x, y);
      } else {
        model.loss(x, y).backward();
      }
      sgd.step();
    };
  }

  @SuppressWarnings("try")
  static Step temperatureLoop() {
    Tensor tc = Tensor.of(0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0).to(GPU);
    Tensor tu =
        Tensor.of(35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4)
            .mul(0.1)
            .to(GPU);
    return () -> {
      Tensor w = Tensor.scalar(1).to(GPU).requiresGrad(true);
      Tensor b = Tensor.scalar(0).to(GPU).requiresGrad(true);
      for (int epoch = 0; epoch < 5000; epoch++) {
        Tensor l = tu.mul(w).add(b).sub(tc).pow(2).mean();
        l.backward();
        try (GradMode.Scope s = GradMode.noGrad()) {
          w.subInPlace(w.grad().mul(1e-2));
          b.subInPlace(b.grad().mul(1e-2));
        }
        w.zeroGrad();
        b.zeroGrad();
      }
    };
  }

  public static void main(String[] args) throws IOException {
    if (!Cuda.isAvailable()) {
      System.out.println("skipped: no CUDA driver: " + Cuda.unavailableReason());
      return;
    }
    System.out.println("GPU: " + Cuda.deviceName(0));
    Path out = Path.of(args.length > 0 ? args[0] : "adjoint-gpu-bench.tsv");
    try (PrintStream file = new PrintStream(Files.newOutputStream(out))) {
      record(file, "mlp_b64", "tape", millisPerStep(mlpStep(64, false), 20, 100));
      record(file, "mlp_b64", "generated", millisPerStep(mlpStep(64, true), 20, 100));
      record(file, "mlp_b4096", "tape", millisPerStep(mlpStep(4096, false), 5, 20));
      record(file, "mlp_b4096", "generated", millisPerStep(mlpStep(4096, true), 5, 20));
      record(file, "r4_5000_epochs", "tape", millisPerStep(temperatureLoop(), 1, 1));
    }
    System.out.println("memory: " + Cuda.memoryStats());
  }

  private static void record(PrintStream file, String workload, String engine, double ms) {
    String line = String.format(Locale.ROOT, "%s\t%s\t%.4f", workload, engine, ms);
    System.out.println(line);
    file.println(line);
    file.flush();
  }
}
