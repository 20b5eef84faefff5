package dev.adjoint.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus function in {@link CorpusEntries}, at random points of its smooth domain: partials
 * against central finite differences in float64, {@code value} against the original method, and the
 * seeded overload against seed × partials.
 */
class CorpusGradientTest {
  private static final int POINTS = 6;

  /** |generated − finite difference| / max(1, |finite difference|). */
  private static final double DOUBLE_TOLERANCE = 1e-6;

  /**
   * A float gradient is evaluated in float arithmetic: a few ulps (2⁻²⁴ ≈ 6e-8) per operation,
   * times the function's condition.
   */
  private static final double FLOAT_TOLERANCE = 1e-4;

  private static final DoubleAccumulator MAX_DOUBLE_ERROR = new DoubleAccumulator(Math::max, 0);
  private static final DoubleAccumulator MAX_FLOAT_ERROR = new DoubleAccumulator(Math::max, 0);

  @TestFactory
  Stream<DynamicContainer> corpus() {
    return CorpusEntries.ALL.stream()
        .map(
            entry ->
                DynamicContainer.dynamicContainer(
                    entry.toString(),
                    Stream.of(
                        DynamicTest.dynamicTest(
                            "partials match finite differences",
                            () -> partialsMatchFiniteDifferences(entry)),
                        DynamicTest.dynamicTest(
                            "value is the original method's, bit for bit",
                            () -> valueIsThePrimal(entry)),
                        DynamicTest.dynamicTest(
                            "seeded overload is seed × partials",
                            () -> pullbackScalesBySeed(entry)))));
  }

  @AfterAll
  static void reportErrors() {
    System.out.printf(
        "corpus: %d functions; max relative error vs finite differences: double %.3g, float %.3g%n",
        CorpusEntries.ALL.size(), MAX_DOUBLE_ERROR.get(), MAX_FLOAT_ERROR.get());
  }

  private static void partialsMatchFiniteDifferences(CorpusEntry entry) {
    boolean isFloat = entry.precision() == CorpusEntry.Precision.FLOAT;
    double tolerance = isFloat ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
    for (double[] x : entry.points(POINTS)) {
      double[] generated = components(entry.gradient().apply(x));
      assertEquals(1 + entry.wrt().length, generated.length, "record components of " + entry);
      for (int k = 0; k < entry.wrt().length; k++) {
        int i = entry.wrt()[k];
        double fd = FiniteDifferences.partial(entry.reference(), x, i);
        double partial = generated[1 + k];
        double error = Math.abs(partial - fd) / Math.max(1, Math.abs(fd));
        (isFloat ? MAX_FLOAT_ERROR : MAX_DOUBLE_ERROR).accumulate(error);
        assertTrue(
            error < tolerance,
            () ->
                String.format(
                    "%s: ∂/∂x%d at %s: generated %.17g, finite differences %.17g (error %.3g)",
                    entry.name(), i, Arrays.toString(x), partial, fd, error));
      }
    }
  }

  private static void valueIsThePrimal(CorpusEntry entry) {
    for (double[] x : entry.points(POINTS)) {
      double primal = entry.primal().at(x);
      assertEquals(primal, components(entry.gradient().apply(x))[0], 0.0, entry.name());
      assertEquals(primal, components(entry.pullback().at(x, 0.37))[0], 0.0, entry.name());
    }
  }

  private static void pullbackScalesBySeed(CorpusEntry entry) {
    boolean isFloat = entry.precision() == CorpusEntry.Precision.FLOAT;
    for (double[] x : entry.points(POINTS)) {
      double[] partials = components(entry.gradient().apply(x));
      // a power of two scales every adjoint exactly
      double[] halved = components(entry.pullback().at(x, -0.5));
      for (int k = 1; k < partials.length; k++) {
        assertEquals(-0.5 * partials[k], halved[k], 0.0, entry.name() + " seed -0.5");
      }
      double seed = 1.37;
      double[] scaled = components(entry.pullback().at(x, seed));
      double effectiveSeed = isFloat ? (float) seed : seed;
      double tolerance = isFloat ? 1e-6 : 1e-13;
      for (int k = 1; k < partials.length; k++) {
        double expected = effectiveSeed * partials[k];
        assertEquals(
            expected,
            scaled[k],
            tolerance * Math.max(1, Math.abs(expected)),
            entry.name() + " seed " + seed);
      }
    }
  }

  /** A generated record's components in declaration order, widened to double. */
  static double[] components(Record record) {
    RecordComponent[] parts = record.getClass().getRecordComponents();
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = ((Number) parts[i].getAccessor().invoke(record)).doubleValue();
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError("cannot read " + parts[i], e);
      }
    }
    return values;
  }

  /** The component names of a generated record, for the naming checks. */
  static List<String> componentNames(Record record) {
    return Arrays.stream(record.getClass().getRecordComponents())
        .map(RecordComponent::getName)
        .toList();
  }
}
