package dev.adjoint.runtime.backend.cpu;

/**
 * A loop over {@code [0, count)} split into ranges run on {@link GemmThreads} (the caller included)
 * when it is worth it, else on the caller alone: the data movement around the convolution's
 * products (unfolding, folding, transposing), batch norm's and pooling's loops over channels and
 * planes, and the elementwise loops of a training step ({@link #elements}). Every range writes its
 * own elements and computes each of them as the whole loop on one thread would, so the split
 * changes no bit; only how many threads share the loop ({@link Gemm#setThreads}) changes.
 */
final class ParallelRanges {
  /** Element moves below which a loop stays on the caller: waking a helper costs more. */
  static final long MIN_WORK = 1 << 16;

  /**
   * Elementwise loops over fewer elements than this stay on the caller ({@code
   * adjoint.cpu.parallelElements}, default 2^17): a loop over 2^17 floats (512 KiB read and written
   * per operand) takes some tens of microseconds, a few times what handing half of it to a helper
   * costs. Any value gives the same bits; it only moves where loops start to be split.
   */
  static final int PARALLEL_ELEMENTS =
      Math.max(1, Integer.getInteger("adjoint.cpu.parallelElements", 1 << 17));

  /**
   * Range bounds of an elementwise split are multiples of this: whole cache lines, whole vectors.
   */
  static final int ELEMENT_GRAIN = 64;

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
      split(JOB, body, count, 1, Math.min(count, GemmThreads.limit() * Gemm.PARTS_PER_THREAD));
      return;
    }
    body.run(0, count);
  }

  /**
   * Runs the elementwise loop {@code body} over {@code [0, count)}: on the caller alone below
   * {@link #PARALLEL_ELEMENTS}, else in ranges bounded at multiples of {@link #ELEMENT_GRAIN}.
   */
  static void elements(int count, Body body) {
    if (count >= PARALLEL_ELEMENTS && GemmThreads.tryAcquire()) {
      split(JOB, body, count, ELEMENT_GRAIN, GemmThreads.limit() * Gemm.PARTS_PER_THREAD);
      return;
    }
    body.run(0, count);
  }

  // only while holding the threads (after tryAcquire), so one job object suffices
  private static void split(Job job, Body body, int count, int grain, int parts) {
    try {
      job.body = body;
      job.count = count;
      job.grain = grain;
      GemmThreads.run(job, parts);
    } finally {
      job.body = null;
      GemmThreads.release();
    }
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
    int grain;

    @Override
    public void run(int part, int parts) {
      int from = Gemm.partStart(count, grain, part, parts);
      int to = Gemm.partStart(count, grain, part + 1, parts);
      if (from < to) {
        body.run(from, to);
      }
    }
  }
}
