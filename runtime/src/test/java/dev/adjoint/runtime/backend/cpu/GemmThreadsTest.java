package dev.adjoint.runtime.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /**
   * A job that took 1.5 times as long as the caller alone would have sends the next jobs to the
   * caller alone for a while; a job where the helper merely finished a little later does not. The
   * criterion is tested on given times: whether a real helper is late depends on the machine.
   */
  @Test
  void aStarvedHelperSendsJobsToTheCallerAloneForAWhile() throws InterruptedException {
    GemmThreads.endSolo();
    // the caller ran 1 of 2 parts in 300 us and waited 100 us more: faster than alone (600 us)
    GemmThreads.judge(300_000, 100_000, 1, 2);
    assertFalse(GemmThreads.solo());
    // a wait below the threshold never counts, whatever the ratio
    GemmThreads.judge(1_000, GemmThreads.STARVED_WAIT_NANOS - 1, 1, 2);
    assertFalse(GemmThreads.solo());
    // 300 us of work, then 2 ms waiting for the helper's part: 2.3 ms against 600 us alone
    GemmThreads.judge(300_000, 2_000_000, 1, 2);
    assertTrue(GemmThreads.solo(), "jobs run on the caller alone after a starved helper");
    if (GemmThreads.limit() > 1) {
      assertFalse(GemmThreads.tryAcquire(), "no parallel job while alone");
    }
    Thread.sleep(GemmThreads.MIN_SOLO_NANOS / 1_000_000 + 5);
    assertFalse(GemmThreads.solo(), "the first period is the shortest");
    // a good job resets the period to the shortest after a longer one
    GemmThreads.judge(300_000, 2_000_000, 1, 2);
    GemmThreads.endSolo();
    GemmThreads.judge(300_000, 0, 1, 2);
    GemmThreads.judge(300_000, 2_000_000, 1, 2);
    Thread.sleep(GemmThreads.MIN_SOLO_NANOS / 1_000_000 + 5);
    assertFalse(GemmThreads.solo());
    GemmThreads.endSolo();
  }

  @Test
  void partCountIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> runHeld((part, n) -> {}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> runHeld((part, n) -> {}, GemmThreads.MAX_PARTS + 1));
  }
}
