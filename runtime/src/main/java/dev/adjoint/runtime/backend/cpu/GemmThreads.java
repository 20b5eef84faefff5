package dev.adjoint.runtime.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed set of daemon threads that, with the calling thread, run the parts of one job at a
 * time. Nothing is allocated or started per call: a caller claims the set with {@link
 * #tryAcquire()}, and if another caller holds it, simply runs its job on its own thread.
 *
 * <p>Parts are not dealt out in advance: every thread, the caller included, claims the next
 * unclaimed part until none is left. On a machine shared with other work a helper may be woken late
 * (its core busy); the caller then runs the parts the helper has not claimed instead of waiting for
 * it, so a job never takes much longer than on the caller alone.
 *
 * <p>When a job took 1.5 times as long as the caller alone would have (it waited long for a helper
 * whose core is busy with other work), jobs run on the caller alone for the next 10 ms (doubling up
 * to 320 ms while that repeats): with another process on one of two cores, one thread can be faster
 * than two.
 *
 * <p>A helper that finds no work keeps polling for {@link #SPIN_NANOS} before it parks, so the
 * products that follow each other in a training step find it awake: waking a parked thread costs
 * tens of microseconds (more in a virtual machine), a sizeable part of a product that takes a few
 * hundred.
 *
 * <p>The number of threads is {@code adjoint.cpu.threads} (system property) or the number of
 * available processors; the polling time is {@code adjoint.cpu.spinMicros} (default 200).
 */
final class GemmThreads {
  /** A job split into parts; {@code run(part, parts)} does part {@code part} of {@code parts}. */
  interface Parts {
    void run(int part, int parts);
  }

  /** Threads a job may use, the caller included. */
  static final int PARALLELISM =
      Math.max(
          1,
          Integer.getInteger(
              "adjoint.cpu.threads", Math.min(64, Runtime.getRuntime().availableProcessors())));

  /** How long an idle helper polls for the next job before it parks. */
  static final long SPIN_NANOS = Math.max(0, Long.getLong("adjoint.cpu.spinMicros", 200)) * 1000L;

  /** Most parts one job may have (the width of the part fields in {@link #WORK}). */
  static final int MAX_PARTS = 0xFFFF;

  /** Threads a job currently uses; see {@link Gemm#setThreads(int)}. */
  private static volatile int limit = PARALLELISM;

  private static final AtomicBoolean BUSY = new AtomicBoolean();

  /**
   * The current job's claim counter: generation (bits 32..63, one per job), number of parts (bits
   * 16..31), next unclaimed part (bits 0..15). A thread claims a part by a compare-and-set of the
   * whole word, so a helper that read an earlier job's word cannot claim a part of a later job.
   */
  private static final AtomicLong WORK = new AtomicLong();

  /** Parts of the current job finished (run, or failed). */
  private static final AtomicInteger DONE = new AtomicInteger();

  private static volatile Parts current;
  private static volatile Thread waiter;
  private static volatile Throwable failure;
  private static final Worker[] WORKERS = new Worker[PARALLELISM - 1];

  static {
    for (int i = 0; i < WORKERS.length; i++) {
      WORKERS[i] = new Worker(i, "adjoint-cpu-" + (i + 1));
      WORKERS[i].thread.start();
    }
  }

  private GemmThreads() {}

  /**
   * Shortest and longest time jobs run on the caller alone after a helper was found starved (see
   * {@link #run}); the time doubles while helpers stay starved and resets after a good job.
   */
  static final long MIN_SOLO_NANOS = 10_000_000L;

  static final long MAX_SOLO_NANOS = 320_000_000L;

  /**
   * A caller that waits less than this for a helper never counts it as starved ({@code
   * adjoint.cpu.starvedMicros}, default 50; a huge value turns the check off).
   */
  static final long STARVED_WAIT_NANOS = Long.getLong("adjoint.cpu.starvedMicros", 50) * 1000L;

  private static volatile long soloUntil;
  private static long soloNanos = MIN_SOLO_NANOS;

  /**
   * Claims the threads; false when only one may be used, another job holds them, or jobs run on the
   * caller alone for a while because helpers were starved.
   */
  static boolean tryAcquire() {
    return limit > 1
        && (soloUntil == 0 || System.nanoTime() - soloUntil >= 0)
        && BUSY.compareAndSet(false, true);
  }

  /** The number of threads jobs use now, the caller included. */
  static int limit() {
    return limit;
  }

  static void setLimit(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
    }
    limit = Math.min(threads, PARALLELISM);
  }

  static void release() {
    BUSY.set(false);
  }

  /**
   * Runs parts {@code 0..parts-1} of the job on the caller and on up to {@code limit() - 1}
   * helpers, and returns when all are done, rethrowing the first failure. Only between {@link
   * #tryAcquire()} and {@link #release()}.
   */
  static void run(Parts job, int parts) {
    if (parts < 1 || parts > MAX_PARTS) {
      throw new IllegalArgumentException("parts must be in 1.." + MAX_PARTS + ", got " + parts);
    }
    failure = null;
    waiter = Thread.currentThread();
    current = job;
    DONE.set(0);
    long generation = (WORK.get() >>> 32) + 1;
    // publishes the job, the reset count and the cleared failure to every thread that reads WORK
    WORK.set(generation << 32 | (long) parts << 16);
    int helpers = Math.min(limit, PARALLELISM) - 1;
    for (int i = 0; i < helpers; i++) {
      WORKERS[i].wake();
    }
    long start = System.nanoTime();
    long waitFrom = 0;
    int ran = 0;
    try {
      while (claimAndRun()) {
        // the caller takes parts too, and every part no helper has claimed
        ran++;
      }
    } finally {
      waitFrom = System.nanoTime();
      long deadline = 0;
      while (DONE.get() < parts) {
        // a helper is finishing a part it claimed
        if (deadline == 0) {
          deadline = System.nanoTime() + SPIN_NANOS;
        }
        if (System.nanoTime() < deadline) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(GemmThreads.class);
        }
      }
      waiter = null;
      current = null;
    }
    if (ran > 0) {
      judge(waitFrom - start, System.nanoTime() - waitFrom, ran, parts);
    }
    Throwable t = failure;
    if (t != null) {
      failure = null;
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }
  }

  /**
   * After a job in which the caller ran {@code ran} of the {@code parts} parts in {@code worked} ns
   * and then waited {@code waited} ns for a helper's: if the job took 1.5 times as long as the
   * caller alone would have (its time per part times all parts), the helper was hardly running (its
   * core busy with other work: on a shared machine our two threads and another process then share
   * two cores, and the helper's polling even slows the caller). Jobs then run on the caller alone
   * for a while, and are tried in parallel again after it.
   */
  static void judge(long worked, long waited, int ran, int parts) {
    long alone = worked / ran * parts;
    // clearly slower only: one unlucky job on a busy machine is not a trend
    if (waited > STARVED_WAIT_NANOS && worked + waited > alone + alone / 2) {
      soloUntil = System.nanoTime() + soloNanos;
      soloNanos = Math.min(MAX_SOLO_NANOS, 2 * soloNanos);
    } else {
      soloNanos = MIN_SOLO_NANOS;
    }
  }

  /** Ends a period of running on the caller alone (for tests). */
  static void endSolo() {
    soloUntil = 0;
  }

  /** Whether jobs run on the caller alone now (for tests). */
  static boolean solo() {
    long until = soloUntil;
    return until != 0 && System.nanoTime() - until < 0;
  }

  /** Whether the current job has a part nobody has claimed yet. */
  private static boolean claimable() {
    long w = WORK.get();
    return (w & 0xFFFF) < ((w >>> 16) & 0xFFFF);
  }

  /** Claims one part of the current job and runs it; false when no part is left. */
  private static boolean claimAndRun() {
    while (true) {
      long w = WORK.get();
      int next = (int) (w & 0xFFFF);
      int parts = (int) ((w >>> 16) & 0xFFFF);
      if (next >= parts) {
        return false;
      }
      // read after WORK: a job is only replaced once all its parts are done, so if the claim
      // below succeeds (WORK still holds w), this is the job w belongs to
      Parts job = current;
      if (!WORK.compareAndSet(w, w + 1)) {
        continue;
      }
      try {
        job.run(next, parts);
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        }
      } finally {
        if (DONE.incrementAndGet() == parts) {
          Thread w2 = waiter;
          if (w2 != null) {
            LockSupport.unpark(w2);
          }
        }
      }
      return true;
    }
  }

  private static final class Worker implements Runnable {
    final Thread thread;
    private final int index;
    private volatile boolean parked;

    Worker(int index, String name) {
      this.index = index;
      thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    void wake() {
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    /** Whether this helper may take parts now (the limit may have been lowered). */
    private boolean enabled() {
      return index < limit - 1;
    }

    @Override
    public void run() {
      while (true) {
        if (enabled() && claimAndRun()) {
          continue;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (!(enabled() && claimable()) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        if (enabled() && claimable()) {
          continue;
        }
        parked = true;
        // checked again after announcing the park: run() reads `parked` after publishing WORK
        if (!(enabled() && claimable())) {
          LockSupport.park(this);
        }
        parked = false;
      }
    }
  }
}
