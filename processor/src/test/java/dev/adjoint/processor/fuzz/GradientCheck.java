package dev.adjoint.processor.fuzz;

import dev.adjoint.runtime.tape.Tape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Checks one compiled random program at a few random points: the generated value is the primal's
 * bit for bit; each partial matches central finite differences in float64 where those are reliable;
 * the seeded overload is seed × partials; the accumulating form adds into the caller's array;
 * nothing is left on the tape.
 *
 * <p>Finite differences are reliable away from a branch switch or a kink. Near one, the difference
 * quotients at two step sizes (10⁻³ and 10⁻⁴, each Richardson-extrapolated) disagree, and the
 * coordinate is skipped; points where an intermediate or the value grows past 10⁸ are skipped too
 * (see {@link Trace}): there an ulp of the value divided by the step exceeds the tolerance.
 */
final class GradientCheck {
  static final int POINTS = 3;
  private static final int ARITY = 6;
  private static final double AGREEMENT = 1e-6;
  private static final double TOLERANCE = 1e-5;
  private static final double LARGEST_INTERMEDIATE = 1e8;

  private final Method primal;
  private final Method traced;
  private final Method gradient;
  private final Method pullback;
  private final Method accumulating;
  private final RecordComponent[] components;

  /** How many partials were compared, and how many skipped as unreliable. */
  int compared;

  int skipped;

  /** The decisions the program takes at the point being checked. */
  private long decisionsAtPoint;

  /** Whether a finite difference of the coordinate being checked crossed a branch. */
  private boolean crossesBranch;

  GradientCheck(Class<?> program, Class<?> gradientClass) throws ReflectiveOperationException {
    Class<?>[] parameters = {double.class, double.class, double.class, double[].class};
    primal = program.getMethod("f", parameters);
    traced = program.getMethod("traced", parameters);
    gradient = gradientClass.getMethod("f", parameters);
    pullback =
        gradientClass.getMethod(
            "f", double.class, double.class, double.class, double[].class, double.class);
    accumulating =
        gradientClass.getMethod(
            "f",
            double.class,
            double.class,
            double.class,
            double[].class,
            double.class,
            double[].class,
            double[].class);
    components = gradient.getReturnType().getRecordComponents();
  }

  /** The first problem found, or empty. */
  Optional<String> run(long seed) throws ReflectiveOperationException {
    Random random = new Random(seed);
    Tape.current().clear(); // a program checked before may have leaked: do not blame this one
    for (int p = 0; p < POINTS; p++) {
      double[] x = new double[ARITY];
      for (int i = 0; i < ARITY; i++) {
        x[i] = -2 + 4 * random.nextDouble();
      }
      Optional<String> problem = atPoint(x);
      if (problem.isPresent()) {
        return Optional.of("at (a, b, c, q) = " + Arrays.toString(x) + ": " + problem.get());
      }
    }
    return Optional.empty();
  }

  private Optional<String> atPoint(double[] x) throws ReflectiveOperationException {
    Trace.reset();
    call(traced, x);
    decisionsAtPoint = Trace.decisions();
    if (!(Trace.largest() < LARGEST_INTERMEDIATE)) {
      skipped += ARITY;
      return Optional.empty();
    }
    double value = call(primal, x);
    if (!(Math.abs(value) < LARGEST_INTERMEDIATE)) {
      // the value is an intermediate too (the sum a return adds the state to is not traced):
      // where it is this large, a difference of two values is rounded by more than the tolerance
      skipped += ARITY;
      return Optional.empty();
    }
    double[] partials = flatten(invoke(gradient, args(x)));
    if (Tape.current().size() != 0) {
      return Optional.of("the gradient left " + Tape.current().size() + " entries on the tape");
    }
    if (Double.compare(value, partials[0]) != 0) {
      return Optional.of("value " + partials[0] + " but the method returns " + value);
    }
    for (int i = 0; i < ARITY; i++) {
      crossesBranch = false;
      double coarse = richardson(x, i, 1e-3);
      double fine = richardson(x, i, 1e-4);
      double scale = Math.max(1, Math.abs(fine));
      if (crossesBranch
          || !Double.isFinite(coarse)
          || !Double.isFinite(fine)
          || Math.abs(coarse - fine) > AGREEMENT * scale) {
        skipped++;
        continue;
      }
      compared++;
      double partial = partials[1 + i];
      if (!(Math.abs(partial - fine) <= TOLERANCE * scale)) {
        return Optional.of(
            String.format(
                "∂f/∂%s: generated %.17g, finite differences %.17g (at h=1e-3: %.17g)",
                coordinateName(i), partial, fine, coarse));
      }
    }
    // a power of two scales every adjoint exactly, unless a value is near the subnormal range
    // (under 2^-1022 halving rounds: a partial 0.5 · 9.111277E-318 came out 9.11127E-318)
    double[] halved = flatten(invoke(pullback, args(x, 0.5)));
    if (Tape.current().size() != 0) {
      return Optional.of("the pullback left " + Tape.current().size() + " entries on the tape");
    }
    for (int i = 0; i < partials.length; i++) {
      double expected = i == 0 ? partials[0] : 0.5 * partials[i];
      boolean exact = i == 0 || !(Math.abs(expected) < 0x1p-900); // NaN: exactly NaN
      if (exact
          ? Double.compare(expected, halved[i]) != 0
          : !(Math.abs(expected - halved[i]) <= 0x1p-1000)) {
        return Optional.of(
            "seeded overload, seed 0.5, component " + i + ": " + halved[i] + " not " + expected);
      }
    }
    // the core adds seed × partials into the caller's arrays (scalars in parameter order)
    double[] scalars = {0.25, -1, 3};
    double[] scalarsBefore = scalars.clone();
    double[] into = {1, -2, 0.5};
    double[] before = into.clone();
    double accumulatedValue = (double) invokeRaw(accumulating, args(x, 0.5, scalars, into));
    if (Tape.current().size() != 0) {
      return Optional.of("the accumulating form left entries on the tape");
    }
    if (Double.compare(accumulatedValue, partials[0]) != 0) {
      return Optional.of(
          "accumulating form: value " + accumulatedValue + ", expected " + partials[0]);
    }
    for (int k = 0; k < 3; k++) {
      double expected = scalarsBefore[k] + 0.5 * partials[1 + k];
      if (!(Math.abs(scalars[k] - expected) <= 1e-12 * Math.max(1, Math.abs(expected)))) {
        return Optional.of(
            "accumulating form: gradient[" + k + "] = " + scalars[k] + ", expected " + expected);
      }
      expected = before[k] + 0.5 * partials[4 + k];
      if (!(Math.abs(into[k] - expected) <= 1e-12 * Math.max(1, Math.abs(expected)))) {
        return Optional.of(
            "accumulating form: dQ[" + k + "] = " + into[k] + ", expected " + expected);
      }
    }
    return Optional.empty();
  }

  private static String coordinateName(int i) {
    return i < 3 ? String.valueOf((char) ('a' + i)) : "q[" + (i - 3) + "]";
  }

  /** (4 D(h/2) − D(h)) / 3 of central differences D: truncation error O(h⁴). */
  private double richardson(double[] x, int i, double h) throws ReflectiveOperationException {
    return (4 * central(x, i, h / 2) - central(x, i, h)) / 3;
  }

  private double central(double[] x, int i, double h) throws ReflectiveOperationException {
    double[] plus = x.clone();
    double[] minus = x.clone();
    plus[i] += h;
    minus[i] -= h;
    return (decided(plus) - decided(minus)) / (plus[i] - minus[i]);
  }

  // the program's value at x, noting whether it decided any comparison differently from the
  // point being checked (the traced copy records decisions; its values may differ where it widens
  // an int expression to trace it, so the value comes from the method itself)
  private double decided(double[] x) throws ReflectiveOperationException {
    Trace.reset();
    call(traced, x);
    crossesBranch |= Trace.decisions() != decisionsAtPoint;
    return call(primal, x);
  }

  private static Object[] args(double[] x, Object... extra) {
    Object[] args = new Object[4 + extra.length];
    args[0] = x[0];
    args[1] = x[1];
    args[2] = x[2];
    args[3] = new double[] {x[3], x[4], x[5]};
    System.arraycopy(extra, 0, args, 4, extra.length);
    return args;
  }

  private static double call(Method method, double[] x) throws ReflectiveOperationException {
    return (double) invokeRaw(method, args(x));
  }

  private static Record invoke(Method method, Object[] args) throws ReflectiveOperationException {
    return (Record) invokeRaw(method, args);
  }

  private static Object invokeRaw(Method method, Object[] args)
      throws ReflectiveOperationException {
    try {
      return method.invoke(null, args);
    } catch (InvocationTargetException e) {
      Tape.current().clear();
      throw e;
    }
  }

  /** The record's value and partials: a, b, c, then q's three elements. */
  private double[] flatten(Record record) throws ReflectiveOperationException {
    double[] flat = new double[1 + ARITY];
    int k = 0;
    for (RecordComponent component : components) {
      Object part = read(record, component);
      if (part instanceof double[] array) {
        for (double element : array) {
          flat[k++] = element;
        }
      } else {
        flat[k++] = (double) part;
      }
    }
    if (k != flat.length) {
      throw new AssertionError("record " + record + " has " + k + " numbers, not " + flat.length);
    }
    return flat;
  }

  private static Object read(Record record, RecordComponent component)
      throws ReflectiveOperationException {
    return component.getAccessor().invoke(record);
  }
}
