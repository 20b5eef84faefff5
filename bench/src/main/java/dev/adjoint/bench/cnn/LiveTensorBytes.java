package dev.adjoint.bench.cnn;

import dev.adjoint.runtime.tensor.Storage;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The peak bytes of live tensors made during one training step of each of our engines ({@link
 * ResNetSteps}), exactly: while a step runs, every new storage first forces a full collection,
 * after which the storages made in the step that are still reachable are the live ones; the peak is
 * the largest sum of their sizes plus the new one's. The weights and the optimizer's momentum
 * buffers, which exist before the step and are updated in place, are the same for every engine and
 * are not counted; the gradients, which {@code zeroGrad} drops and backward makes anew, are. The
 * peak is also given without the storages still alive after the step (the 62 gradients, 44.6 MiB,
 * and the loss): what is left is the step's working memory, the values kept for the reverse sweep
 * and its temporaries. (Slow — one collection per tensor — so it is a measurement, not a
 * benchmark.) It shows what releasing each intermediate at its last use buys: the tape keeps every
 * value its graph saved until backward has passed it.
 *
 * <p>{@code java -Xmx6g -cp bench/target/benchmarks.jar dev.adjoint.bench.cnn.LiveTensorBytes}
 * (with the JVM flags of bench/README.md).
 */
public final class LiveTensorBytes implements Storage.Observer {
  private final List<WeakReference<Storage>> made = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();
  // for each storage made, the indices of the storages live at that moment (itself included)
  private final List<int[]> liveAtEach = new ArrayList<>();

  @Override
  public void made(Storage storage) {
    System.gc();
    made.add(new WeakReference<>(storage));
    sizes.add((long) storage.size() * storage.dtype().byteSize());
    liveAtEach.add(liveIndices());
  }

  private int[] liveIndices() {
    return java.util.stream.IntStream.range(0, made.size())
        .filter(i -> made.get(i).get() != null)
        .toArray();
  }

  /** The largest sum of live sizes, counting only the storages {@code counted} says to count. */
  private long peak(boolean[] counted) {
    long peak = 0;
    for (int[] live : liveAtEach) {
      long sum = 0;
      for (int i : live) {
        sum += counted[i] ? sizes.get(i) : 0;
      }
      peak = Math.max(peak, sum);
    }
    return peak;
  }

  /** The peaks over one step that follows one unmeasured step. */
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
      System.gc();
      int n = probe.made.size();
      boolean[] all = new boolean[n];
      boolean[] transient_ = new boolean[n];
      long kept = 0;
      for (int i = 0; i < n; i++) {
        all[i] = true;
        transient_[i] = probe.made.get(i).get() == null;
        kept += transient_[i] ? 0 : probe.sizes.get(i);
      }
      return new Result(engine, batch, probe.peak(all), probe.peak(transient_), kept, n);
    }
  }

  /** One engine's figures. */
  record Result(
      String engine, int batch, long peakBytes, long peakWorkingBytes, long keptBytes, int made) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-10s batch %d: peak %.1f MiB of live tensors made by the step, of which at most %.1f MiB"
              + " freed by its end (the %.1f MiB kept are its gradients and loss); %d tensors made",
          engine,
          batch,
          mib(peakBytes),
          mib(peakWorkingBytes),
          mib(keptBytes),
          made);
    }

    private static double mib(long bytes) {
      return bytes / (1024.0 * 1024.0);
    }
  }

  public static void main(String[] args) {
    for (int batch : new int[] {1, 8}) {
      System.out.println(measure("generated", batch, ResNetSteps::generated));
      System.out.println(measure("tape", batch, ResNetSteps::tape));
    }
  }
}
