package dev.adjoint.bench.torch;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.global.torch;

/**
 * Thread settings for libtorch on this 2-core machine: libtorch's own (OpenMP) pool and the
 * OpenBLAS pool it calls into both spin, so they fight when both have 2 threads (see
 * shared/PEERS.md). {@link #BEST} is the figure we report as libtorch's; the others are shown
 * beside it.
 */
public enum TorchThreads {
  /** libtorch 1 thread on the benchmark thread, OpenBLAS 2 threads. */
  BEST("1+2", 1, 2),
  /** libtorch 2 threads, OpenBLAS 2 threads. */
  BOTH_TWO("2+2", 2, 2),
  /**
   * libtorch 1 thread, OpenBLAS 1 thread: no spinning pool at all, which wins when other processes
   * share the cores (OpenBLAS's second thread then waits for a time slice at every call).
   */
  SINGLE("1+1", 1, 1);

  /** The label used as a JMH {@code @Param} value: torch threads + BLAS threads. */
  public final String label;

  public final int torchThreads;
  public final int blasThreads;

  TorchThreads(String label, int torchThreads, int blasThreads) {
    this.label = label;
    this.torchThreads = torchThreads;
    this.blasThreads = blasThreads;
  }

  /** The setting with this label ({@code "1+2"}, {@code "2+2"} or {@code "1+1"}). */
  public static TorchThreads of(String label) {
    for (TorchThreads t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown thread setting '" + label + "'; use 1+2, 2+2 or 1+1");
  }

  /**
   * Applies the setting. libtorch's count is per calling thread (OpenMP), so call this on the
   * thread that will run the workload, e.g. from a JMH {@code @Setup} of a {@code Scope.Thread}
   * state.
   */
  public void apply() {
    torch.set_num_threads(torchThreads);
    openblas.blas_set_num_threads(blasThreads);
  }
}
