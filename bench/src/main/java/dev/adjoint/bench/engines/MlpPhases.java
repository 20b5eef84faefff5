package dev.adjoint.bench.engines;

import dev.adjoint.runtime.backend.cpu.Gemm;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-phase timing of the tape's MLP step (TapeWorkloads.MlpStep): the medians over many steps of
 * each phase, in microseconds. Run with {@code -cp bench/target/benchmarks.jar
 * --add-modules=jdk.incubator.vector dev.adjoint.bench.engines.MlpPhases [steps] [cpu]}.
 *
 * <p>With {@code cpu}, every product runs on the calling thread ({@code Gemm.setThreads(1)}) and
 * the phases are timed in that thread's CPU time, which other work on a shared machine inflates far
 * less than wall-clock time (a descheduled thread uses none): the figure to compare two versions of
 * single-threaded code with while other builds run.
 */
public final class MlpPhases {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static boolean cpuTime;

  private MlpPhases() {}

  private static long now() {
    return cpuTime ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
  }

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    cpuTime = args.length > 1 && args[1].equals("cpu");
    if (cpuTime) {
      Gemm.setThreads(1);
    }
    Generator gen = new Generator(1);
    Tensor x = Tensor.randn(64, 784);
    long[] classes = new long[64];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = (long) Math.floor(gen.nextUniform(0, 10));
    }
    Tensor labels = Tensor.ofLongs(classes);
    Linear hidden = new Linear(784, 512, gen);
    Linear output = new Linear(512, 10, gen);
    List<Tensor> params = new ArrayList<>(hidden.parameters());
    params.addAll(output.parameters());
    Sgd sgd = new Sgd(params, 0.01);
    String[] names = {
      "zeroGrad", "x@W1t", "+b1", "relu", "h@W2t+b2", "crossEntropy", "backward", "step", "total"
    };
    long[][] t = new long[names.length][steps];
    double loss = 0;
    for (int s = 0; s < steps; s++) {
      long t0 = now();
      sgd.zeroGrad();
      long t1 = now();
      Tensor a = x.matmul(hidden.weight().t());
      long t2 = now();
      Tensor b = a.add(hidden.bias());
      long t3 = now();
      Tensor h = b.relu();
      long t4 = now();
      Tensor z = output.forward(h);
      long t5 = now();
      Tensor l = Losses.crossEntropy(z, labels);
      long t6 = now();
      l.backward();
      long t7 = now();
      sgd.step();
      long t8 = now();
      loss = l.item();
      long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7, t8};
      for (int p = 0; p < 8; p++) {
        t[p][s] = marks[p + 1] - marks[p];
      }
      t[8][s] = t8 - t0;
    }
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < names.length; p++) {
      long[] v = Arrays.copyOfRange(t[p], steps / 2, steps);
      Arrays.sort(v);
      sb.append(
          String.format(
              "%-13s median %8.1f us  min %8.1f us%n",
              names[p], v[v.length / 2] / 1e3, v[0] / 1e3));
    }
    sb.append(cpuTime ? "(main thread CPU time, GEMMs on 1 thread) " : "(wall-clock time) ");
    sb.append("final loss ").append(loss);
    System.out.println(sb);
  }
}
