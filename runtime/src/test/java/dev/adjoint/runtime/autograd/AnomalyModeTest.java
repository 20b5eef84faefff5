package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link AnomalyMode}: inside {@code detect()} the first NaN or infinity an operation produces, in
 * the forward or the reverse sweep, throws naming the operation, its gradFn and the line of this
 * file that called it; outside, the same computations run quietly.
 */
class AnomalyModeTest {
  private static Tensor leaf(double... values) {
    return Tensor.fromArray(DType.FLOAT64, values, values.length).requiresGrad(true);
  }

  /** The line of this file the next statement's call is on (so the test need not hard-code it). */
  private static String lineAfter(int offset) {
    StackTraceElement caller = new Throwable().getStackTrace()[1];
    return caller.getFileName() + ":" + (caller.getLineNumber() + offset);
  }

  @Test
  void aPlantedLogOfZeroIsFoundInTheForwardSweepAtItsLine() {
    Tensor x = leaf(1, 0, 2);
    try (AnomalyMode.Scope anomalies = AnomalyMode.detect()) {
      Tensor y = x.mul(x);
      String line = lineAfter(1);
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> y.log());
      String m = e.getMessage();
      assertTrue(m.startsWith(line), m);
      assertTrue(m.contains("log produced -Infinity at element 1"), m);
      assertTrue(m.contains("forward sweep"), m);
      assertTrue(m.contains("gradFn LogBackward0"), m);
      assertTrue(m.contains("of shape [3]"), m);
    }
  }

  @Test
  void aGradientThatOverflowsIsFoundInTheReverseSweepAtTheLineThatRecordedIt() {
    Tensor x = leaf(4, 0, 9);
    try (AnomalyMode.Scope anomalies = AnomalyMode.detect()) {
      String line = lineAfter(1);
      Tensor y = x.sqrt(); // finite: 2, 0, 3; its derivative 1/(2√x) is +∞ at 0
      Tensor loss = y.sum();
      ArithmeticException e = assertThrows(ArithmeticException.class, loss::backward);
      String m = e.getMessage();
      assertTrue(m.startsWith(line), m);
      assertTrue(m.contains("SqrtBackward0 returned Infinity at element 1"), m);
      assertTrue(m.contains("for its input 0 in the reverse sweep"), m);
    }
    // nothing reached the leaf: the sweep stopped at the node
    assertNull(x.grad());
  }

  @Test
  void offTheSameComputationsRunQuietly() {
    assertFalse(AnomalyMode.isEnabled());
    Tensor x = leaf(4, 0, 9);
    Tensor loss = x.sqrt().sum().add(x.log().sum());
    loss.backward();
    assertEquals(Double.NEGATIVE_INFINITY, loss.item());
    assertEquals(Double.POSITIVE_INFINITY, x.grad().toArray()[1]);
  }

  @Test
  void aNaNCarriedFromAnOperandIsNotReportedAsProduced() {
    Tensor x = leaf(Double.NaN, 1);
    try (AnomalyMode.Scope anomalies = AnomalyMode.detect()) {
      Tensor y = x.mul(2).add(1); // NaN in, NaN out: no operation here produced it
      y.sum().backward();
      assertEquals(2, x.grad().toArray()[0]);
    }
  }

  @Test
  void scopesNestAndBelongToTheirThread() throws Exception {
    try (AnomalyMode.Scope outer = AnomalyMode.detect()) {
      try (AnomalyMode.Scope inner = AnomalyMode.detect()) {
        assertTrue(AnomalyMode.isEnabled());
      }
      assertTrue(AnomalyMode.isEnabled());
      // another thread does not detect: its log(0) is quiet
      double other = CompletableFuture.supplyAsync(() -> leaf(0).log().sum().item()).get();
      assertEquals(Double.NEGATIVE_INFINITY, other);
    }
    assertFalse(AnomalyMode.isEnabled());
  }
}
