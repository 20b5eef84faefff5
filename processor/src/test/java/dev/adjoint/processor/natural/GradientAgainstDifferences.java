package dev.adjoint.processor.natural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tape.Tape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a generated gradient against central finite differences of the primal: the gradient's
 * value is the primal's, bit for bit, and each partial (of every {@code double} parameter and each
 * element of every {@code double[]} parameter the record carries) agrees with {@code (4 D(h/2) −
 * D(h)) / 3}, the Richardson extrapolation of central differences {@code D} (error O(h⁴)).
 */
final class GradientAgainstDifferences {
  private static final double STEP = 1e-3;
  private static final double TOLERANCE = 1e-6;

  private final Method primal;
  private final Method gradient;

  /** 1 for an instance method, whose receiver comes first in the arguments; else 0. */
  private final int receiver;

  private GradientAgainstDifferences(Method primal, Method gradient) {
    this.primal = primal;
    this.gradient = gradient;
    this.receiver = Modifier.isStatic(primal.getModifiers()) ? 0 : 1;
  }

  /**
   * The method {@code name} of class {@code owner} (a binary name) and the same method of its
   * generated class, {@code OwnerGrad} ({@code Outer_InnerGrad} for a nested class).
   */
  static GradientAgainstDifferences of(CompiledSources compiled, String owner, String name) {
    Class<?> type = compiled.load(owner);
    Method primal =
        Arrays.stream(type.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(owner + " has no method " + name));
    primal.setAccessible(true);
    List<Class<?>> parameters = new ArrayList<>(List.of(primal.getParameterTypes()));
    if (!Modifier.isStatic(primal.getModifiers())) {
      parameters.addFirst(type); // the generated method takes the receiver first
    }
    try {
      Method gradient =
          compiled
              .load(owner.replace('$', '_') + "Grad")
              .getMethod(name, parameters.toArray(Class<?>[]::new));
      return new GradientAgainstDifferences(primal, gradient);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(owner + "Grad has no " + name + " with the primal's parameters", e);
    }
  }

  /**
   * The generated partials at {@code args} (an instance method's receiver first), after checking
   * them; returns the gradient record.
   */
  Record check(Object... args) {
    Record record = (Record) invoke(gradient, copy(args));
    assertEquals(0, Tape.current().size(), "the gradient left entries on the tape");
    RecordComponent[] components = record.getClass().getRecordComponents();
    assertEquals(
        Double.doubleToLongBits(value(args)),
        Double.doubleToLongBits((double) read(record, components[0])),
        "the gradient's value is the primal's");
    Parameter[] parameters = primal.getParameters();
    for (int c = 1; c < components.length; c++) {
      int p = parameterNamed(parameters, components[c].getName()) + receiver;
      Object partial = read(record, components[c]);
      if (partial instanceof double[] partials) {
        for (int k = 0; k < partials.length; k++) {
          assertClose(partials[k], difference(args, p, k), components[c].getName() + "[" + k + "]");
        }
      } else {
        assertClose((double) partial, difference(args, p, -1), components[c].getName());
      }
    }
    return record;
  }

  /** The generated gradient at {@code args}, unchecked, for references other than differences. */
  Record gradient(Object... args) {
    Record record = (Record) invoke(gradient, copy(args));
    assertEquals(0, Tape.current().size(), "the gradient left entries on the tape");
    return record;
  }

  /**
   * Calls the primal and the generated gradient at {@code args}, both of which must throw: the same
   * exception class with the same message, the gradient leaving the tape as it found it. Returns
   * the gradient's exception.
   */
  Throwable throwsAsThePrimal(Object... args) {
    Object[] copy = copy(args);
    Object self = receiver == 0 ? null : copy[0];
    Throwable expected =
        failure(() -> primal.invoke(self, Arrays.copyOfRange(copy, receiver, copy.length)));
    Throwable actual = failure(() -> gradient.invoke(null, copy(args)));
    assertEquals(expected.getClass(), actual.getClass(), String.valueOf(actual));
    assertEquals(expected.getMessage(), actual.getMessage());
    assertEquals(0, Tape.current().size(), "the gradient that threw left entries on the tape");
    return actual;
  }

  private interface Call {
    Object run() throws ReflectiveOperationException;
  }

  private static Throwable failure(Call call) {
    try {
      call.run();
    } catch (InvocationTargetException e) {
      return e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the call to throw");
  }

  /** The component {@code name} of a gradient record. */
  static Object component(Record record, String name) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        return read(record, c);
      }
    }
    throw new AssertionError(record + " has no component " + name);
  }

  private static void assertClose(double generated, double reference, String name) {
    double scale = Math.max(1, Math.abs(reference));
    assertTrue(
        Math.abs(generated - reference) <= TOLERANCE * scale,
        "∂/∂" + name + ": generated " + generated + ", finite differences " + reference);
  }

  private static int parameterNamed(Parameter[] parameters, String name) {
    for (int p = 0; p < parameters.length; p++) {
      if (parameters[p].getName().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("the record's component " + name + " names no parameter");
  }

  private double difference(Object[] args, int p, int k) {
    return (4 * central(args, p, k, STEP / 2) - central(args, p, k, STEP)) / 3;
  }

  private double central(Object[] args, int p, int k, double h) {
    double x = k < 0 ? (double) args[p] : ((double[]) args[p])[k];
    double step = h * Math.max(1, Math.abs(x));
    return (value(shifted(args, p, k, x + step)) - value(shifted(args, p, k, x - step)))
        / (2 * step);
  }

  private static Object[] shifted(Object[] args, int p, int k, double x) {
    Object[] shifted = copy(args);
    if (k < 0) {
      shifted[p] = x;
    } else {
      ((double[]) shifted[p])[k] = x;
    }
    return shifted;
  }

  private double value(Object[] args) {
    Object[] copy = copy(args);
    Object self = receiver == 0 ? null : copy[0];
    return ((Number) invoke(primal, self, Arrays.copyOfRange(copy, receiver, copy.length)))
        .doubleValue();
  }

  // arrays are copied so that neither method sees what the other wrote
  private static Object[] copy(Object[] args) {
    Object[] copy = args.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] instanceof double[] array) {
        copy[i] = array.clone();
      }
    }
    return copy;
  }

  private static Object invoke(Method method, Object[] args) {
    return invoke(method, null, args);
  }

  private static Object invoke(Method method, Object self, Object[] args) {
    try {
      return method.invoke(self, args);
    } catch (InvocationTargetException e) {
      Tape.current().clear();
      throw new AssertionError(method + " threw", e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
