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

  @Test
  void partCountIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> runHeld((part, n) -> {}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> runHeld((part, n) -> {}, GemmThreads.MAX_PARTS + 1));
  }
}
