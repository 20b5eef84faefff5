package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchThreads;
import dev.adjoint.runtime.backend.cpu.Gemm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * REFERENCE R6's training step ({@link ResNetSteps}) on the generated engine, the tape and
 * libtorch, alternated in blocks in one JVM, all on one thread, timed in that thread's CPU time
 * (steady on a machine shared with other work, where wall-clock times are not). Before every block
 * each engine is {@linkplain ResNetSteps.Step#reset reset} to the same weights, running statistics
 * and empty momentum buffers, so every block times the same steps (run on, the summed loss grows
 * without bound and its values stop being finite, which times other work). Prints each block, then
 * the median ratios to libtorch. Run as {@link Conv2dCpuTime} is run, with {@code
 * dev.adjoint.bench.cnn.ResNetStepCpuTime [batch] [blocks] [steps per block] [engines]}, where
 * {@code engines} is a comma-separated subset of {@code generated,tape,libtorch} (all three by
 * default; the ratios need libtorch).
 *
 * <p>A fifth argument {@code 2} times the step as {@code ResNetStepBenchmark} runs it: ours with 2
 * GEMM threads ({@code Gemm.setThreads(2)}), libtorch at {@link TorchThreads#BEST} ({@code 1+2}),
 * in wall-clock time (thread CPU time would miss the helper thread's share), with our engines'
 * calling-thread CPU time beside it (the step's work less what the helper took, plus any waiting
 * for it). Wall clock moves with whatever else the machine runs; compare only blocks of one run, or
 * runs alternated.
 */
public final class ResNetStepCpuTime {
  private ResNetStepCpuTime() {}

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Map<String, IntFunction<ResNetSteps.Step>> all = ResNetSteps.engines();
    List<String> names =
        args.length > 3 ? List.of(args[3].split(",")) : new ArrayList<>(all.keySet());
    boolean twoThreads = args.length > 4 && Integer.parseInt(args[4]) == 2;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Gemm.setThreads(twoThreads ? 2 : 1);
    if (names.contains("libtorch")) {
      // loads libtorch: only when it runs (JavaCPP's loader now and then crashes beside other JVMs)
      (twoThreads ? TorchThreads.BEST : TorchThreads.SINGLE).apply();
    }
    LongSupplier clock = twoThreads ? System::nanoTime : cpu::getCurrentThreadCpuTime;
    int warmup = Math.min(2, blocks / 3);
    double[][] millis = new double[names.size()][blocks - warmup];
    // two threads: the calling thread's CPU time too, the step's work less what the helper took
    double[][] callerMillis = new double[names.size()][blocks - warmup];
    boolean finite = true;
    List<ResNetSteps.Step> engines = new ArrayList<>();
    for (String name : names) {
      engines.add(all.get(name).apply(batch));
    }
    for (int b = 0; b < blocks; b++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "block %2d:", b));
      for (int e = 0; e < names.size(); e++) {
        ResNetSteps.Step step = engines.get(e);
        step.reset(); // untimed: each block repeats the same steps from the same state
        double[] losses = new double[steps];
        long t0 = clock.getAsLong();
        long c0 = cpu.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
          losses[s] = step.run();
        }
        double ms = (clock.getAsLong() - t0) / (steps * 1e6);
        double callerMs = (cpu.getCurrentThreadCpuTime() - c0) / (steps * 1e6);
        finite &= Double.isFinite(losses[steps - 1]);
        line.append(
            String.format(
                Locale.ROOT,
                " %s %7.2f ms (loss %.4g→%.4g)",
                names.get(e),
                ms,
                losses[0],
                losses[steps - 1]));
        if (b >= warmup) {
          millis[e][b - warmup] = ms;
          callerMillis[e][b - warmup] = callerMs;
        }
      }
      System.out.println(line + (b < warmup ? " (warm-up)" : ""));
    }
    engines.forEach(ResNetSteps.Step::close);
    int torch = names.indexOf("libtorch");
    StringBuilder summary =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "R6 step batch %d, %s, median over %d blocks of %d steps:",
                batch,
                twoThreads
                    ? "wall clock, ours 2 GEMM threads, libtorch 1+2"
                    : "one thread each, thread CPU time",
                blocks - warmup,
                steps));
    for (int e = 0; e < names.size(); e++) {
      summary.append(
          String.format(
              Locale.ROOT,
              " %s %.2f ms (fastest block %.2f)",
              names.get(e),
              median(millis[e]),
              Arrays.stream(millis[e]).min().orElse(Double.NaN)));
      if (twoThreads && !names.get(e).equals("libtorch")) {
        summary.append(
            String.format(Locale.ROOT, " [caller CPU %.2f ms]", median(callerMillis[e])));
      }
    }
    if (torch >= 0) {
      for (int e = 0; e < names.size(); e++) {
        if (e != torch) {
          double[] ratios = new double[millis[e].length];
          for (int i = 0; i < ratios.length; i++) {
            ratios[i] = millis[e][i] / millis[torch][i];
          }
          Arrays.sort(ratios);
          summary.append(
              String.format(
                  Locale.ROOT,
                  "; %s/libtorch %.3f (blocks %.3f–%.3f)",
                  names.get(e),
                  median(ratios),
                  ratios[0],
                  ratios[ratios.length - 1]));
        }
      }
    }
    System.out.println(summary + (finite ? "" : " (a loss was NOT finite)"));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
