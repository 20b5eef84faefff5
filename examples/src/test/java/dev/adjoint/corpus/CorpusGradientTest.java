package dev.adjoint.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tape.Tape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus function in {@link CorpusEntries}, at random points of its smooth domain: partials
 * (an array argument's element by element) against central finite differences in float64, {@code
 * value} against the original method, the seeded overload against seed × partials, the accumulating
 * form of functions of arrays against what the caller's arrays held plus seed × partials; and after
 * every call, nothing left on the runtime {@link Tape}.
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
  private static final DoubleAccumulator MAX_CONTROL_FLOW_DOUBLE_ERROR =
      new DoubleAccumulator(Math::max, 0);
  private static final DoubleAccumulator MAX_CONTROL_FLOW_FLOAT_ERROR =
      new DoubleAccumulator(Math::max, 0);

  @TestFactory
  Stream<DynamicContainer> corpus() {
    return CorpusEntries.ALL.stream()
        .map(
            entry ->
                DynamicContainer.dynamicContainer(
                    entry.toString(),
                    Stream.concat(
                        Stream.of(
                            DynamicTest.dynamicTest(
                                "partials match finite differences",
                                () -> partialsMatchFiniteDifferences(entry)),
                            DynamicTest.dynamicTest(
                                "value is the original method's, bit for bit",
                                () -> valueIsThePrimal(entry)),
                            DynamicTest.dynamicTest(
                                "seeded overload is seed × partials",
                                () -> pullbackScalesBySeed(entry))),
                        entry.accumulate() == null
                            ? Stream.empty()
                            : Stream.of(
                                DynamicTest.dynamicTest(
                                    "accumulating form adds seed × partials into the arrays",
                                    () -> accumulatingFormAdds(entry))))));
  }

  @AfterAll
  static void reportErrors() {
    System.out.printf(
        "corpus: %d functions; max relative error vs finite differences: double %.3g, float %.3g;"
            + " of which control flow and arrays (%d functions): double %.3g, float %.3g%n",
        CorpusEntries.ALL.size(),
        MAX_DOUBLE_ERROR.get(),
        MAX_FLOAT_ERROR.get(),
        ControlFlowEntries.ALL.size(),
        MAX_CONTROL_FLOW_DOUBLE_ERROR.get(),
        MAX_CONTROL_FLOW_FLOAT_ERROR.get());
  }

  private static void partialsMatchFiniteDifferences(CorpusEntry entry) {
    boolean isFloat = entry.precision() == CorpusEntry.Precision.FLOAT;
    double tolerance = isFloat ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
    for (double[] x : entry.points(POINTS)) {
      double[] generated = components(entry.gradient().apply(x));
      assertTapeEmpty(entry, "the gradient");
      assertEquals(1 + entry.wrt().length, generated.length, "record components of " + entry);
      for (int k = 0; k < entry.wrt().length; k++) {
        int i = entry.wrt()[k];
        double fd = FiniteDifferences.partial(entry.reference(), x, i);
        double partial = generated[1 + k];
        double error = Math.abs(partial - fd) / Math.max(1, Math.abs(fd));
        (isFloat ? MAX_FLOAT_ERROR : MAX_DOUBLE_ERROR).accumulate(error);
        if (ControlFlowEntries.ALL.contains(entry)) {
          (isFloat ? MAX_CONTROL_FLOW_FLOAT_ERROR : MAX_CONTROL_FLOW_DOUBLE_ERROR)
              .accumulate(error);
        }
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
      assertTapeEmpty(entry, "the gradient");
      assertEquals(primal, components(entry.pullback().at(x, 0.37))[0], 0.0, entry.name());
      assertTapeEmpty(entry, "the seeded overload");
    }
  }

  private static void pullbackScalesBySeed(CorpusEntry entry) {
    boolean isFloat = entry.precision() == CorpusEntry.Precision.FLOAT;
    for (double[] x : entry.points(POINTS)) {
      double[] partials = components(entry.gradient().apply(x));
      // a power of two scales every adjoint exactly
      double[] halved = components(entry.pullback().at(x, -0.5));
      assertTapeEmpty(entry, "the seeded overload");
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

  private static void accumulatingFormAdds(CorpusEntry entry) {
    boolean isFloat = entry.precision() == CorpusEntry.Precision.FLOAT;
    for (double[] x : entry.points(POINTS)) {
      double[] partials = components(entry.gradient().apply(x));
      double seed = isFloat ? (float) 1.37 : 1.37;
      Arguments.AdjointArrays into = entry.layout().adjointArrays(0.25);
      double[] before = into.flatten();
      double[] gradientBefore = into.gradient().clone();
      double value = entry.accumulate().at(x, seed, into);
      assertTapeEmpty(entry, "the accumulating form");
      double[] after = into.flatten();
      assertEquals(partials[0], value, 0.0, entry.name() + " value");
      // which of the record's partials belong to array arguments, in order
      int k = 0;
      int element = 0;
      int scalar = 0;
      double tolerance = isFloat ? 1e-6 : 1e-13;
      for (int argument = 0; argument < entry.layout().lengths().length; argument++) {
        int length = entry.layout().isArray(argument) ? entry.layout().lengths()[argument] : 1;
        for (int i = 0; i < length; i++) {
          int coordinate = entry.layout().offset(argument) + i;
          int partialIndex = indexOf(entry.wrt(), coordinate);
          if (entry.layout().isArray(argument)) {
            double expected =
                before[element] + (partialIndex < 0 ? 0 : seed * partials[1 + partialIndex]);
            assertEquals(
                expected,
                after[element],
                tolerance * Math.max(1, Math.abs(expected)),
                entry.name() + ": element " + i + " of argument " + argument);
            element++;
          } else if (partialIndex >= 0) {
            double expected = gradientBefore[scalar] + seed * partials[1 + partialIndex];
            assertEquals(
                expected,
                into.gradient()[scalar],
                tolerance * Math.max(1, Math.abs(expected)),
                entry.name() + ": scalar argument " + argument);
            scalar++;
          }
          k++;
        }
      }
      assertEquals(entry.layout().arity(), k);
    }
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static void assertTapeEmpty(CorpusEntry entry, String what) {
    int left = Tape.current().size();
    if (left != 0) {
      Tape.current().clear();
      throw new AssertionError(
          entry.name() + ": " + what + " left " + left + " entries on the tape");
    }
  }

  /**
   * A generated record's components in declaration order, widened to double, arrays flattened
   * element by element.
   */
  static double[] components(Record record) {
    return flatten(componentValues(record));
  }

  private static Object[] componentValues(Record record) {
    RecordComponent[] parts = record.getClass().getRecordComponents();
    Object[] values = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = parts[i].getAccessor().invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError("cannot read " + parts[i], e);
      }
    }
    return values;
  }

  /** Numbers and the elements of double[] and float[] arrays, in order; nulls are skipped. */
  static double[] flatten(Object[] parts) {
    DoubleStream.Builder values = DoubleStream.builder();
    for (Object part : parts) {
      if (part instanceof double[] array) {
        for (double v : array) {
          values.add(v);
        }
      } else if (part instanceof float[] array) {
        for (float v : array) {
          values.add(v);
        }
      } else if (part != null) {
        values.add(((Number) part).doubleValue());
      }
    }
    return values.build().toArray();
  }

  /** The component names of a generated record, for the naming checks. */
  static List<String> componentNames(Record record) {
    return Arrays.stream(record.getClass().getRecordComponents())
        .map(RecordComponent::getName)
        .toList();
  }
}
