package dev.adjoint.runtime.backend.cpu;

/**
 * A loop over {@code [0, count)} split into ranges run on {@link GemmThreads} (the caller included)
 * when it is worth it, else on the caller alone: the data movement around the convolution's
 * products (unfolding, folding, transposing), whose ranges write disjoint elements.
 */
final class ParallelRanges {
  /** Element moves below which a loop stays on the caller: waking a helper costs more. */
  static final long MIN_WORK = 1 << 16;

  /** The body of a loop: indices {@code [from, to)}. */
  interface Body {
    void run(int from, int to);
  }

  private static final Job JOB = new Job();

  private ParallelRanges() {}

  /** Runs {@code body} over {@code [0, count)}; {@code work} estimates the elements it moves. */
  static void run(int count, long work, Body body) {
    if (count > 1 && work >= MIN_WORK && GemmThreads.tryAcquire()) {
      try {
        JOB.body = body;
        JOB.count = count;
        GemmThreads.run(JOB, Math.min(count, GemmThreads.limit() * Gemm.PARTS_PER_THREAD));
      } finally {
        JOB.body = null;
        GemmThreads.release();
      }
      return;
    }
    body.run(0, count);
  }

  private static final class Job implements GemmThreads.Parts {
    Body body;
    int count;

    @Override
    public void run(int part, int parts) {
      int from = Gemm.partStart(count, 1, part, parts);
      int to = Gemm.partStart(count, 1, part + 1, parts);
      if (from < to) {
        body.run(from, to);
      }
    }
  }
}
