package dev.adjoint.examples.anomalies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Anomaly mode in generated adjoints: inside {@code AnomalyMode.detect()} the first non-finite
 * value a generated forward or reverse sweep computes throws, naming the line of {@code
 * PlantedLog.java} it comes from (found here by the marker comment on it, not written into the
 * test); outside, the same calls return their non-finite numbers quietly.
 */
class GeneratedAnomaliesTest {
  private static final Path SOURCE =
      Path.of("src/test/java/dev/adjoint/examples/anomalies/PlantedLog.java");

  /** "PlantedLog.java:N" for the n-th line marked "// planted:". */
  private static String plantedLine(int n) throws IOException {
    List<String> lines = Files.readAllLines(SOURCE);
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// planted:") && seen++ == n) {
        return "PlantedLog.java:" + (i + 1);
      }
    }
    throw new AssertionError("no planted line " + n);
  }

  @Test
  void aPlantedLogOfZeroIsNamedWithItsSourceLine() throws IOException {
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      ArithmeticException e =
          assertThrows(ArithmeticException.class, () -> PlantedLogGrad.energy(0, 0));
      assertEquals(
          plantedLine(0) + ": Math.log(r) produced -Infinity in the forward sweep (operand 0.0)",
          e.getMessage());
      // finite values pass
      assertEquals(2 * Math.log(2) + 1, PlantedLogGrad.energy(1, 1).value(), 1e-15);
    }
  }

  @Test
  void aHelperWithARegisteredDerivativeIsCheckedAtItsCall() throws IOException {
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      ArithmeticException e =
          assertThrows(ArithmeticException.class, () -> PlantedLogGrad.withHelper(2, 1));
      assertEquals(
          plantedLine(1)
              + ": PlantedLog.ratio(x, y, 1.0) produced Infinity in the forward sweep (arguments"
              + " [2.0, 1.0, 1.0])",
          e.getMessage());
    }
  }

  @Test
  void aScalarGradientThatOverflowsIsNamedInTheReverseSweep() throws IOException {
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      ArithmeticException e =
          assertThrows(ArithmeticException.class, () -> PlantedLogGrad.root(0, 1));
      assertTrue(
          e.getMessage().startsWith(plantedLine(4) + ": the gradient for ")
              && e.getMessage().endsWith(" is Infinity in the reverse sweep"),
          e.getMessage());
      // a finite gradient passes: d/dx 3√x = 1.5 / √x
      assertEquals(0.75, PlantedLogGrad.root(4, 1).x(), 1e-15);
    }
    // outside the scope the infinite partial is returned as it is
    assertEquals(Double.POSITIVE_INFINITY, PlantedLogGrad.root(0, 1).x());
  }

  @Test
  void outsideTheScopeNothingIsChecked() {
    assertEquals(Double.NEGATIVE_INFINITY, PlantedLogGrad.energy(0, 0).value());
  }

  @Test
  void aMethodWithoutChecksRunsQuietlyInsideTheScope() {
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      assertEquals(Double.NEGATIVE_INFINITY, PlantedLogGrad.unchecked(0, 0).value());
    }
  }

  @Test
  void aTensorGradientThatOverflowsIsNamedInTheReverseSweep() throws IOException {
    Tensor x = Tensor.of(4, 0).requiresGrad(true);
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      ArithmeticException e =
          assertThrows(ArithmeticException.class, () -> PlantedLogGrad.rootsBackward(x));
      assertTrue(
          e.getMessage()
              .startsWith(
                  plantedLine(2)
                      + ": sqrt(...): the gradient for x is Infinity at element 1 of shape [2] in"
                      + " the reverse sweep"),
          e.getMessage());
    }
  }

  @Test
  void aTensorLogOfZeroIsNamedInTheForwardSweep() throws IOException {
    Tensor x = Tensor.of(1, 0, 2).requiresGrad(true);
    Tensor w = Tensor.of(1, 1, 1);
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      ArithmeticException e =
          assertThrows(ArithmeticException.class, () -> PlantedLogGrad.logsBackward(x, w));
      assertTrue(
          e.getMessage()
              .startsWith(
                  plantedLine(3)
                      + ": h.log() produced -Infinity at element 1 of its result of shape [3] in"
                      + " the forward sweep"),
          e.getMessage());
    }
    // and on the tape, the same planted value, named by the tape's own anomaly mode
    try (AnomalyMode.Scope scope = AnomalyMode.detect()) {
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> PlantedLog.logs(x, w));
      assertTrue(e.getMessage().contains("log produced -Infinity at element 1"), e.getMessage());
      assertTrue(e.getMessage().startsWith(plantedLine(3)), e.getMessage());
    }
  }
}
