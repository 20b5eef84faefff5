package dev.adjoint.bench.cnn;

import dev.adjoint.examples.vision.ResNetTrainingStep;
import dev.adjoint.runtime.backend.Backend;
import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.backend.cpu.Gemm;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The non-product kernels of R6's step that the GEMM threads split, each on 1 and on 2 threads
 * ({@code Gemm.setThreads}) alternated in rounds in one JVM, in wall-clock time per call: relu,
 * relu's gradient from its result, the residual add, the tape's relu-gradient mask and selection at
 * the size of ResNet-18's conv1 output at batch 8 (8 × 64 × 32 × 32), and SGD's momentum step over
 * ResNet-18's 11.7 M parameters. Prints, per kernel and thread count, the fastest round and the
 * median (the fastest is the steadier figure on a machine shared with other work: it is the round
 * in which both threads had a core). Run with {@code dev.adjoint.bench.cnn.StepKernelsWallClock
 * [rounds] [calls per round]}.
 */
public final class StepKernelsWallClock {
  private StepKernelsWallClock() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Backend cpu = Backends.current();
    Generator gen = new Generator(3);
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 8, 64, 32, 32);
    Tensor g = Tensor.randn(gen, DType.FLOAT32, 8, 64, 32, 32);
    Tensor y = cpu.pointwise(Pointwise.RELU, x, 0, 0);
    Tensor zero = Tensor.wrappedNumber(0);
    Tensor mask = cpu.compare(Relation.GREATER, y, zero);
    List<Tensor> params =
        ResNetTrainingStep.inputs(1, DType.FLOAT32, ResNetSteps.SEED).model().parameters();
    for (Tensor p : params) {
      p.setGrad(Tensor.randn(gen, DType.FLOAT32, p.shape()).mul(1e-3));
    }
    Sgd sgd = new Sgd(params, 1e-4, 0.9, 0, 0, false);
    sgd.step(); // the momentum buffers: every later step is the fused update
    Map<String, Runnable> kernels = new LinkedHashMap<>();
    kernels.put("relu", () -> cpu.pointwise(Pointwise.RELU, x, 0, 0));
    Tensor over = y.copy(); // overwritten call after call: the same loads, compares and stores
    kernels.put("relu gradient", () -> cpu.keepWherePositiveInPlace(over, g));
    kernels.put("residual add", () -> cpu.binary(ElementwiseOp.ADD, x, g, DType.FLOAT32));
    kernels.put("mask y > 0", () -> cpu.compare(Relation.GREATER, y, zero));
    kernels.put("where(mask, g, 0)", () -> cpu.where(mask, g, zero, DType.FLOAT32));
    kernels.put("SGD momentum, 11.7M", sgd::step);
    int[] threads = {1, 2};
    Map<String, double[][]> micros = new LinkedHashMap<>();
    kernels.keySet().forEach(k -> micros.put(k, new double[threads.length][rounds]));
    for (int r = -2; r < rounds; r++) { // two rounds of warm-up
      for (Map.Entry<String, Runnable> k : kernels.entrySet()) {
        for (int t = 0; t < threads.length; t++) {
          Gemm.setThreads(threads[t]);
          long t0 = System.nanoTime();
          for (int c = 0; c < calls; c++) {
            k.getValue().run();
          }
          if (r >= 0) {
            micros.get(k.getKey())[t][r] = (System.nanoTime() - t0) / (calls * 1e3);
          }
        }
      }
    }
    System.out.println(
        "kernel: 1 thread fastest / median, 2 threads fastest / median (µs per call)");
    micros.forEach(
        (name, m) ->
            System.out.println(
                String.format(
                    Locale.ROOT,
                    "%-20s %9.1f / %9.1f   %9.1f / %9.1f   fastest 2/1: %.2f",
                    name,
                    min(m[0]),
                    median(m[0]),
                    min(m[1]),
                    median(m[1]),
                    min(m[1]) / min(m[0]))));
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
