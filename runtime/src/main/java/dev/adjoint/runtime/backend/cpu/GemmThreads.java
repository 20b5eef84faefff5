package dev.adjoint.runtime.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed set of parked daemon threads that, with the calling thread, run the parts of one
 * job at a time. Nothing is allocated or started per call: a caller claims the set with {@link
 * #tryAcquire()}, and if another caller holds it, simply runs its job on its own thread.
 *
 * <p>The number of threads is {@code adjoint.cpu.threads} (system property) or the number of
 * available processors.
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

  /** Threads a job currently uses; see {@link Gemm#setThreads(int)}. */
  private static volatile int limit = PARALLELISM;

  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static final AtomicInteger REMAINING = new AtomicInteger();
  private static final Worker[] WORKERS = new Worker[PARALLELISM - 1];
  private static volatile Thread waiter;
  private static volatile Throwable failure;

  static {
    for (int i = 0; i < WORKERS.length; i++) {
      WORKERS[i] = new Worker("adjoint-cpu-" + (i + 1));
      WORKERS[i].thread.start();
    }
  }

  private GemmThreads() {}

  /** Claims the threads; false when only one may be used or another job holds them. */
  static boolean tryAcquire() {
    return limit > 1 && BUSY.compareAndSet(false, true);
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
   * Runs parts {@code 1..parts-1} on the workers and part 0 on the caller, and returns when all are
   * done, rethrowing the first failure. Only between {@link #tryAcquire()} and {@link #release()}.
   */
  static void run(Parts job, int parts) {
    int n = Math.min(parts, limit);
    failure = null;
    waiter = Thread.currentThread();
    REMAINING.set(n - 1);
    for (int i = 1; i < n; i++) {
      WORKERS[i - 1].assign(job, i, n);
    }
    try {
      job.run(0, n);
    } finally {
      int spins = 0;
      while (REMAINING.get() != 0) {
        if (++spins < 10_000) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(GemmThreads.class);
        }
      }
      waiter = null;
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

  private static final class Worker implements Runnable {
    final Thread thread;
    private volatile Parts job;
    private int part;
    private int parts;

    Worker(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    void assign(Parts job, int part, int parts) {
      this.part = part;
      this.parts = parts;
      this.job = job;
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      while (true) {
        Parts j = job;
        if (j == null) {
          LockSupport.park(this);
          continue;
        }
        job = null;
        try {
          j.run(part, parts);
        } catch (Throwable t) {
          if (failure == null) {
            failure = t;
          }
        } finally {
          if (REMAINING.decrementAndGet() == 0) {
            Thread w = waiter;
            if (w != null) {
              LockSupport.unpark(w);
            }
          }
        }
      }
    }
  }
}
