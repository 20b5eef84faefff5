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

  /** The body of a loop over pairs: outer index {@code o}, inner indices {@code [from, to)}. */
  interface PairBody {
    void run(int o, int from, int to);
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

  /**
   * Runs {@code body} over the pairs {@code (o, i)}, {@code o < outer}, {@code i < inner}, in row
   * order: each range of pairs is handed over as runs of inner indices within one outer index.
   */
  static void run(int outer, int inner, long work, PairBody body) {
    run(
        outer * inner,
        work,
        (from, to) -> {
          for (int at = from; at < to; ) {
            int o = at / inner;
            int i0 = at % inner;
            int i1 = Math.min(inner, i0 + (to - at));
            body.run(o, i0, i1);
            at += i1 - i0;
          }
        });
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
