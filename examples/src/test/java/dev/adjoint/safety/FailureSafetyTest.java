package dev.adjoint.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.runtime.tape.Tape;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An exception escaping a generated adjoint part-way leaves the thread's compile-time tape as the
 * call found it: the exception is the user code's own, and the next call on the thread is right
 * (checked against central differences of the primal).
 */
class FailureSafetyTest {
  private static final double[] FORCING = {0.01, -0.02, 0.015, 0.005, -0.01, 0.02};

  @Test
  void aCursorLoopThatThrowsMidwayLeavesTheTapeAsItWas() {
    Tape tape = Tape.current();
    tape.pushDouble(42.0); // a caller's value, below what the adjoint pushes
    int before = tape.size();
    ArrayIndexOutOfBoundsException e =
        assertThrows(
            ArrayIndexOutOfBoundsException.class,
            () -> FailingLoopsGrad.forcedMap(3.1, 0.3, FORCING, FORCING.length + 1));
    assertEquals(
        "Index " + FORCING.length + " out of bounds for length " + FORCING.length, e.getMessage());
    assertEquals(before, tape.size());
    assertEquals(42.0, tape.popDouble(), "the caller's value is still on top");
    checkForcedMap();
  }

  @Test
  void aCalleeThatThrowsLeavesTheTapeAsItWas() {
    int before = Tape.current().size();
    assertThrows(
        ArrayIndexOutOfBoundsException.class,
        () -> FailingLoopsGrad.repeatedMaps(3.1, 0.3, FORCING, 4, 2));
    assertEquals(before, Tape.current().size());
    checkRepeatedMaps();
  }

  @Test
  void aFailureOnTheFirstPassOrCallLeavesTheTapeAsItWas() {
    int before = Tape.current().size();
    assertThrows(
        ArrayIndexOutOfBoundsException.class,
        () -> FailingLoopsGrad.forcedMap(3.1, 0.3, new double[0], 1));
    assertThrows(
        ArrayIndexOutOfBoundsException.class,
        () -> FailingLoopsGrad.repeatedMaps(3.1, 0.3, FORCING, 3, 0));
    assertEquals(before, Tape.current().size());
    checkForcedMap();
    checkRepeatedMaps();
  }

  private static void checkForcedMap() {
    FailingLoopsGrad.ForcedMapGradient g =
        FailingLoopsGrad.forcedMap(3.1, 0.3, FORCING, FORCING.length);
    DoubleBinaryOperator f = (r, x) -> FailingLoops.forcedMap(r, x, FORCING, FORCING.length);
    assertEquals(f.applyAsDouble(3.1, 0.3), g.value());
    assertGradient(f, 3.1, 0.3, g.r(), g.x());
    assertEquals(0, Tape.current().size());
  }

  private static void checkRepeatedMaps() {
    FailingLoopsGrad.RepeatedMapsGradient g =
        FailingLoopsGrad.repeatedMaps(3.1, 0.3, FORCING, 4, -1);
    DoubleBinaryOperator f = (r, x) -> FailingLoops.repeatedMaps(r, x, FORCING, 4, -1);
    assertEquals(f.applyAsDouble(3.1, 0.3), g.value());
    assertGradient(f, 3.1, 0.3, g.r(), g.x());
    assertEquals(0, Tape.current().size());
  }

  private static void assertGradient(
      DoubleBinaryOperator f, double r, double x, double dr, double dx) {
    double h = 1e-6;
    double expectedDr = (f.applyAsDouble(r + h, x) - f.applyAsDouble(r - h, x)) / (2 * h);
    double expectedDx = (f.applyAsDouble(r, x + h) - f.applyAsDouble(r, x - h)) / (2 * h);
    assertEquals(expectedDr, dr, 1e-6 * Math.max(1, Math.abs(expectedDr)), "d/dr");
    assertEquals(expectedDx, dx, 1e-6 * Math.max(1, Math.abs(expectedDx)), "d/dx");
  }
}
