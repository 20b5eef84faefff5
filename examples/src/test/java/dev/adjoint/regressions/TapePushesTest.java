package dev.adjoint.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.tape.Tape;
import org.junit.jupiter.api.Test;

/** What the logistic map's loop keeps on the compile-time tape, and that its gradient is right. */
class TapePushesTest {
  @Test
  void theLogisticMapKeepsOneDoubleAPass() {
    Tape tape = Tape.current();
    tape.resetPeaks();
    LongLoopsGrad.logisticMap(3.2, 0.3, 1000);
    // x only: r·x and 1 - x are recomputed from it; every push precedes the pops, so the peak
    // counts the pushes
    assertEquals(new Tape.Peaks(1000, 0, 0, 0), tape.peaks());
    assertEquals(0, tape.size());
  }

  @Test
  void theLogisticMapsGradientMatchesCentralDifferences() {
    for (int steps : new int[] {1, 2, 7, 40}) {
      double r = 3.2;
      double x = 0.3;
      double h = 1e-7;
      double dr =
          (LongLoops.logisticMap(r + h, x, steps) - LongLoops.logisticMap(r - h, x, steps))
              / (2 * h);
      double dx =
          (LongLoops.logisticMap(r, x + h, steps) - LongLoops.logisticMap(r, x - h, steps))
              / (2 * h);
      LongLoopsGrad.LogisticMapGradient g = LongLoopsGrad.logisticMap(r, x, steps);
      assertEquals(LongLoops.logisticMap(r, x, steps), g.value());
      assertEquals(dr, g.r(), 1e-5 * Math.max(1, Math.abs(dr)), "d/dr, " + steps + " steps");
      assertEquals(dx, g.x(), 1e-5 * Math.max(1, Math.abs(dx)), "d/dx, " + steps + " steps");
    }
  }
}
