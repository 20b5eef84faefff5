package dev.adjoint.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tape.Tape;
import dev.adjoint.runtime.tape.TapeOverflowException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the thread's compile-time tape keeps alive after long calls, and its bound. */
class TapeMemoryTest {
  private final long retained = Tape.retainedBytes();
  private final long max = Tape.maxBytes();

  @AfterEach
  void restoreBounds() {
    Tape.setRetainedBytes(retained);
    Tape.setMaxBytes(max);
  }

  @Test
  void aLongCallDoesNotLeaveItsTapeBehind() {
    // 4 million passes keep at least 32 MB of doubles during the call
    int steps = 4_000_000;
    LongLoopsGrad.LogisticMapGradient g = LongLoopsGrad.logisticMap(3.2, 0.3, steps);
    assertEquals(LongLoops.logisticMap(3.2, 0.3, steps), g.value());
    assertEquals(0, Tape.current().size());
    assertTrue(
        Tape.current().capacityBytes() <= Tape.retainedBytes(),
        "after the call the tape keeps "
            + Tape.current().capacityBytes()
            + " bytes, more than "
            + Tape.retainedBytes());
  }

  @Test
  void aShortCallKeepsItsTapeForTheNext() {
    LongLoopsGrad.logisticMap(3.2, 0.3, 10_000);
    long kept = Tape.current().capacityBytes();
    assertTrue(kept >= 10_000 * Double.BYTES, "the stacks of a usual call stay for reuse");
    LongLoopsGrad.logisticMap(3.2, 0.3, 10_000);
    assertEquals(kept, Tape.current().capacityBytes());
  }

  @Test
  void aBoundedTapeSaysWhatToDoAndIsLeftEmpty() {
    Tape.setMaxBytes(1 << 20);
    TapeOverflowException e =
        assertThrows(
            TapeOverflowException.class, () -> LongLoopsGrad.logisticMap(3.2, 0.3, 1_000_000));
    assertTrue(e.getMessage().contains("beyond its bound of 1.0 MiB"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dadjoint.tape.maxBytes"), e.getMessage());
    assertEquals(0, Tape.current().size());
    Tape.setMaxBytes(Long.MAX_VALUE);
    // the next call runs normally
    double h = 1e-7;
    double dr =
        (LongLoops.logisticMap(3.2 + h, 0.3, 50) - LongLoops.logisticMap(3.2 - h, 0.3, 50))
            / (2 * h);
    assertEquals(dr, LongLoopsGrad.logisticMap(3.2, 0.3, 50).r(), 1e-4 * Math.abs(dr));
  }
}
