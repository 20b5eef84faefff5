package dev.adjoint.bench.cnn;

import dev.adjoint.runtime.tensor.Storage;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The peak bytes of live tensors made during one training step of each engine ({@link
 * ResNetSteps}), exactly: while a step runs, every new storage first forces a full collection,
 * after which the storages made in the step that are still reachable are the live ones; the peak is
 * the largest sum of their sizes plus the new one's. The weights and the optimizer's momentum
 * buffers, which exist before the step and are updated in place, are the same for every engine and
 * are not counted; the gradients, which {@code zeroGrad} drops and backward makes anew, are. (Slow
 * — one collection per tensor — so it is a measurement, not a benchmark.) It shows what releasing
 * each intermediate at its last use buys: the tape keeps every value its graph saved until backward
 * has passed it.
 *
 * <p>{@code java -Xmx6g -cp bench/target/benchmarks.jar dev.adjoint.bench.cnn.LiveTensorBytes}
 * (with the JVM flags of bench/README.md).
 */
public final class LiveTensorBytes implements Storage.Observer {
  private final List<WeakReference<Storage>> made = new ArrayList<>();
  private long peak;
  private int count;

  @Override
  public void made(Storage storage) {
    System.gc();
    long live = bytes(storage);
    List<WeakReference<Storage>> alive = new ArrayList<>(made.size() + 1);
    for (WeakReference<Storage> ref : made) {
      Storage s = ref.get();
      if (s != null) {
        live += bytes(s);
        alive.add(ref);
      }
    }
    alive.add(new WeakReference<>(storage));
    made.clear();
    made.addAll(alive);
    peak = Math.max(peak, live);
    count++;
  }

  private static long bytes(Storage s) {
    return (long) s.size() * s.dtype().byteSize();
  }

  /** The peak over one step that follows {@code warmUp} unmeasured steps. */
  static Result measure(String engine, int batch, IntFunction<ResNetSteps.Step> steps) {
    try (ResNetSteps.Step step = steps.apply(batch)) {
      step.run(); // momentum buffers and gradients exist from here on, as in training
      System.gc();
      LiveTensorBytes probe = new LiveTensorBytes();
      Storage.observe(probe);
      try {
        step.run();
      } finally {
        Storage.observe(null);
      }
      return new Result(engine, batch, probe.peak, probe.count);
    }
  }

  /** One engine's figures. */
  record Result(String engine, int batch, long peakBytes, int tensorsMade) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-10s batch %d: peak %.1f MiB of live tensors made by the step (its gradients, 44.6 MiB,"
              + " included; the weights and momentum buffers it updates in place are not), %d"
              + " tensors made",
          engine,
          batch,
          peakBytes / (1024.0 * 1024.0),
          tensorsMade);
    }
  }

  public static void main(String[] args) {
    for (int batch : new int[] {1, 8}) {
      System.out.println(measure("generated", batch, ResNetSteps::generated));
      System.out.println(measure("tape", batch, ResNetSteps::tape));
    }
  }
}
