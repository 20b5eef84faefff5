package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread set's claiming of parts: every part runs once per job, failures come back. */
class GemmThreadsTest {
  private static void runHeld(GemmThreads.Parts job, int parts) {
    GemmThreads.endSolo(); // an earlier test on a busy machine may have found the helper starved
    assertTrue(GemmThreads.tryAcquire() || GemmThreads.limit() == 1, "threads are free");
    try {
      GemmThreads.run(job, parts);
    } finally {
      GemmThreads.release();
    }
  }

  @Test
  void everyPartRunsExactlyOncePerJob() {
    for (int parts : new int[] {1, 2, 3, 7, 64}) {
      for (int round = 0; round < 200; round++) {
        AtomicIntegerArray seen = new AtomicIntegerArray(parts);
        int expectParts = parts;
        boolean spin = round % 3 == 0;
        runHeld(
            (part, n) -> {
              assertEquals(expectParts, n);
              seen.incrementAndGet(part);
              if (spin) {
                Thread.onSpinWait(); // vary the timing between rounds
              }
            },
            parts);
        for (int i = 0; i < parts; i++) {
          assertEquals(1, seen.get(i), "part " + i + " of " + parts + " in round " + round);
        }
      }
    }
  }

  @Test
  void aFailingPartIsRethrownAndTheThreadsStayUsable() {
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                runHeld(
                    (part, n) -> {
                      if (part == 3) {
                        throw boom;
                      }
                    },
                    6));
    assertSame(boom, thrown);
    AtomicIntegerArray seen = new AtomicIntegerArray(4);
    runHeld((part, n) -> seen.incrementAndGet(part), 4);
    for (int i = 0; i < 4; i++) {
      assertEquals(1, seen.get(i));
    }
  }

  /** A caller that waits long for a starved helper runs the next jobs alone for a while. */
  @Test
  void aStarvedHelperSendsJobsToTheCallerAloneForAWhile() throws InterruptedException {
    if (GemmThreads.limit() < 2) {
      return; // one processor: nothing runs in parallel anyway
    }
    Thread caller = Thread.currentThread();
    // the helper's parts take far longer than the caller's: the caller waits, as for a starved
    // helper; repeated so that the helper surely takes part in one of the jobs
    for (int attempt = 0; attempt < 50 && !GemmThreads.solo(); attempt++) {
      runHeld(
          (part, n) -> {
            if (Thread.currentThread() != caller) {
              long end = System.nanoTime() + 2_000_000;
              while (System.nanoTime() < end) {
                Thread.onSpinWait();
              }
            }
          },
          64);
    }
    assertTrue(GemmThreads.solo(), "jobs run on the caller alone after a starved helper");
    assertTrue(!GemmThreads.tryAcquire(), "no parallel job while alone");
    Thread.sleep(GemmThreads.MAX_SOLO_NANOS / 1_000_000 + 10);
    assertTrue(!GemmThreads.solo(), "the period ends");
    assertTrue(GemmThreads.tryAcquire());
    GemmThreads.release();
  }

  @Test
  void partCountIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> runHeld((part, n) -> {}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> runHeld((part, n) -> {}, GemmThreads.MAX_PARTS + 1));
  }
}
