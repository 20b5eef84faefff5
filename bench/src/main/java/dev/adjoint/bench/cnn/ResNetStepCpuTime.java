package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchThreads;
import dev.adjoint.runtime.backend.cpu.Gemm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * REFERENCE R6's training step ({@link ResNetSteps}), our tape and libtorch alternated in blocks in
 * one JVM, both on one thread, timed in that thread's CPU time (steady on a machine shared with
 * other work, where wall-clock times are not). Prints each block, then the median ratio. Run as
 * {@link Conv2dCpuTime} is run, with {@code dev.adjoint.bench.cnn.ResNetStepCpuTime [batch]
 * [blocks] [steps per block]}.
 */
public final class ResNetStepCpuTime {
  private ResNetStepCpuTime() {}

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Gemm.setThreads(1);
    TorchThreads.SINGLE.apply();
    int warmup = Math.min(2, blocks / 3);
    double[] ratios = new double[blocks - warmup];
    double sink = 0;
    try (ResNetSteps.Step ours = ResNetSteps.tape(batch);
        ResNetSteps.Step torch = ResNetSteps.libtorch(batch)) {
      for (int b = 0; b < blocks; b++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
          sink += ours.run();
        }
        long t1 = cpu.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
          sink += torch.run();
        }
        long t2 = cpu.getCurrentThreadCpuTime();
        double o = (t1 - t0) / (steps * 1e6);
        double t = (t2 - t1) / (steps * 1e6);
        System.out.printf(
            "block %2d%s: tape %7.2f ms, libtorch %7.2f ms, ratio %.3f%n",
            b, b < warmup ? " (warm-up)" : "", o, t, o / t);
        if (b >= warmup) {
          ratios[b - warmup] = o / t;
        }
      }
    }
    Arrays.sort(ratios);
    System.out.printf(
        "R6 step batch %d, one thread each: median tape/libtorch over %d blocks %.3f (range"
            + " %.3f–%.3f)%s%n",
        batch,
        ratios.length,
        ratios[ratios.length / 2],
        ratios[0],
        ratios[ratios.length - 1],
        Double.isFinite(sink) ? "" : " (NOT finite)");
  }
}
