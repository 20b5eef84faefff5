package dev.adjoint.processor.natural;

import static dev.adjoint.processor.natural.GradientAgainstDifferences.component;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tape.Tape;
import dev.adjoint.runtime.tensor.Tensor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java people naturally write in a {@code @Differentiable} method (the sources in {@code
 * src/test/resources/natural/}), compiled with the processor and differentiated: each gradient is
 * checked against central finite differences of the method itself.
 */
class NaturalJavaTest {
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.of("natural");
    assertTrue(compiled.succeeded(), compiled.errors());
  }

  private static GradientAgainstDifferences method(String owner, String name) {
    return GradientAgainstDifferences.of(compiled, "natural." + owner, name);
  }

  /** A new instance of class {@code owner}, made by its only constructor. */
  private static Object instance(String owner, Object... args) throws ReflectiveOperationException {
    Constructor<?> constructor = compiled.load("natural." + owner).getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    return constructor.newInstance(args);
  }

  @Test
  void aWrappedRandomNumberIsAConstant() {
    // random, so no finite differences: the value x³(1 + r) gives r, and ∂/∂x = 3x²(1 + r)
    Record g = method("MathCalls", "jittered").gradient(1.5);
    double factor = (double) component(g, "value") / (1.5 * 1.5 * 1.5);
    assertTrue(factor >= 1 && factor < 2, "1 + Math.random() is " + factor);
    assertEquals(3 * 1.5 * 1.5 * factor, (double) component(g, "x"), 1e-12);
  }

  @Test
  void aWrappedAngleConversionIsAConstant() {
    // the wrapped value takes no derivative, though the method's value depends on a
    Record g = method("MathCalls", "wrappedAngle").gradient(30.0, 2.0);
    assertEquals(0.0, (double) component(g, "a"));
    assertEquals(Math.toRadians(30.0), (double) component(g, "b"));
  }

  @Test
  void floorModOnAnIndex() {
    method("MathCalls", "cyclicProducts").check(new double[] {0.5, -1.25, 2, 0.75}, 3);
    method("MathCalls", "cyclicProducts").check(new double[] {0.5, -1.25, 2, 0.75}, -1);
  }

  @Test
  void helpersWithoutDerivativesAsIndicesAndLoopBounds() {
    method("MathCalls", "offThePath").check(new double[] {0.5, -1.25, 2, 0.75}, 3);
  }

  @Test
  void anglesAndSignumAreDifferentiated() {
    method("MathCalls", "angles").check(40.0, 0.3);
    method("MathCalls", "angles").check(-10.0, -1.3);
  }

  @Test
  void fusedMultiplyAdd() {
    method("MathCalls", "horner").check(0.7, -1.5, 2.25);
    Record g = method("MathCalls", "hornerInFloat").gradient(0.5f, 3f);
    assertEquals(Math.fma(3f, 0.5f, 2f), (float) component(g, "value"));
    assertEquals(3f, (float) component(g, "x"));
    assertEquals(0.5f, (float) component(g, "a"));
  }

  @Test
  void copySignAndClamp() {
    // each sign and range case away from the kinks, where central differences hold
    for (double s : new double[] {-0.8, 1.3}) {
      method("MathCalls", "signsAndLimits").check(0.6, s, -0.5, 0.5); // m·s inside or outside
      method("MathCalls", "signsAndLimits").check(-1.4, s, -3.0, 3.0);
      method("MathCalls", "signsAndLimits").check(0.9, s, 2.0, 3.0); // below lo: ∂/∂lo is hi
    }
    Record g = method("MathCalls", "signsAndLimits").gradient(0.6, 2.0, -0.5, 0.5);
    // m·s = 1.2 > hi: clamp gives hi, so ∂/∂hi = hi + hi and ∂/∂lo = 0
    assertEquals(2 * 0.5, (double) component(g, "hi"), 1e-15);
    assertEquals(0.0, (double) component(g, "lo"));
    // float: clamp(x², lo, 4) + copySign(x, -1); inside the range ∂/∂x = 2x - 1 (x > 0)...
    Record inside = method("MathCalls", "clampedInFloat").gradient(1.5f, 0.5f);
    assertEquals(2 * 1.5f - 1, (float) component(inside, "x"));
    assertEquals(0f, (float) component(inside, "lo"));
    // ...and below it only the copySign term and ∂/∂lo = 1 remain
    Record below = method("MathCalls", "clampedInFloat").gradient(-0.3f, 0.5f);
    assertEquals(1f, (float) component(below, "x"));
    assertEquals(1f, (float) component(below, "lo"));
    method("MathCalls", "clampedIndex").check(new double[] {0.5, -1.25, 2}, 7L);
  }

  @Test
  void switchExpressionArmsThatAreBlocks() {
    for (int mode = 0; mode <= 4; mode++) {
      method("SwitchArms", "piecewise").check(0.7, mode);
      method("SwitchArms", "piecewise").check(-1.1, mode);
    }
    method("SwitchArms", "assignsInStatement").check(0.7, 0);
    method("SwitchArms", "assignsInStatement").check(0.7, 1);
  }

  @Test
  void argumentChecksThrowAsThePrimalDoes() {
    method("Checks", "validated").check(2.25, -0.5);
    Throwable negative = method("Checks", "validated").throwsAsThePrimal(-1.0, 3.0);
    assertEquals("x must be non-negative: -1.0", negative.getMessage());

    method("Checks", "bounded").check(1.5);
    assertEquals(
        "x is over 3 by 1.5, below zero by -4.5",
        method("Checks", "bounded").throwsAsThePrimal(4.5).getMessage());

    method("Checks", "normalised").check(new double[] {0.5, -1.25, 0.75}, 2.0);
    Throwable loop = method("Checks", "normalised").throwsAsThePrimal(new double[] {0.5, 3}, 2.0);
    assertEquals("w[1] = 3.0, 5.0 apart", loop.getMessage()); // (w[i] + limit) added first

    method("Checks", "tabled").check(0.4, 0);
    method("Checks", "tabled").check(0.4, 1);
    Throwable mode = method("Checks", "tabled").throwsAsThePrimal(0.4, 7);
    assertEquals("natural.Checks$OutOfRange", mode.getClass().getName());

    method("Checks", "tabledValue").check(0.4, 0);
    method("Checks", "tabledValue").check(0.4, 1);
    assertEquals(
        "mode 9 is reserved",
        method("Checks", "tabledValue").throwsAsThePrimal(0.4, 9).getMessage());
    assertEquals("mode 3", method("Checks", "tabledValue").throwsAsThePrimal(0.4, 3).getMessage());

    method("Checks", "merged").check(1.5);
    assertEquals("too large: 2.0", method("Checks", "merged").throwsAsThePrimal(12.0).getMessage());
  }

  @Test
  void aTensorMethodsCheckThrowsAlsoWhereItIsWrittenIntoACaller()
      throws ReflectiveOperationException {
    Method backward =
        compiled
            .load("natural.ChecksGrad")
            .getMethod("squaredScaledSumBackward", Tensor.class, double.class);
    Tensor x = Tensor.of(new double[] {0.5, -1.5, 2}).requiresGrad(true);
    backward.invoke(null, x, 2.0);
    // (2·Σx)² = 4; its gradient 2·(2·Σx)·2 = 8 for every element
    assertEquals(8.0, x.grad().toArray()[0], 1e-12);
    InvocationTargetException thrown =
        assertThrows(InvocationTargetException.class, () -> backward.invoke(null, x, -1.0));
    assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
    assertEquals("scale must be positive: -1.0", thrown.getCause().getMessage());
    assertEquals(8.0, x.grad().toArray()[0], 1e-12); // nothing was added by the call that threw
  }

  @Test
  void assertionsCheckWhereTheyAreEnabled() {
    method("Checks", "asserted").check(0.3, 4);
    // with assertions enabled (CompiledSources enables them, as surefire's -ea does) the
    // generated class checks them as the source does
    assertTrue(compiled.load("natural.ChecksGrad").desiredAssertionStatus());
    Throwable failure = method("Checks", "asserted").throwsAsThePrimal(0.3, -2);
    assertEquals(AssertionError.class, failure.getClass());
    assertEquals("-2", failure.getMessage());
    assertEquals(
        AssertionError.class,
        method("Checks", "asserted").throwsAsThePrimal(Double.NaN, 3).getClass());
  }

  @Test
  void coefficientTablesAndArrayFields() throws ReflectiveOperationException {
    method("Tables", "polynomial").check(0.8);
    Object tables = instance("Tables", new double[] {0.5, -2, 1.25}, 3.0);
    method("Tables", "weighted").check(tables, new double[] {1.5, 0.25, -0.75});
  }

  @Test
  void cloneCopyOfArraycopyAndFill() {
    method("Copies", "smoothed").check((Object) new double[] {0.3, -1.2, 2.5, 0.7, 1.1});
    method("Copies", "scaledTable").check(1.7);
    method("Copies", "truncatedAndPadded").check(new double[] {0.3, -1.2, 2.5}, 0.6);
    method("Copies", "shifted").check(new double[] {0.3, -1.2, 2.5, 0.7}, 1.3);
    method("Copies", "filled").check(new double[] {0.3, -1.2, 2.5, 0.7}, -0.4);
  }

  @Test
  void recordComponentsAccessorsAndGetters() throws ReflectiveOperationException {
    Object spring = instance("Spring", 3.0, 0.5, new double[] {0.25, -0.75});
    method("Spring", "energy").check(spring, 1.25);
    method("Spring", "energyViaAccessors").check(spring, 1.25);
    method("Spring", "phase").check(spring, 0.4);
    method("Pendulum", "height").check(instance("Pendulum", 1.5, 9.81), 0.3);
    // factorComponent() is 1.5, factor() is 3: 1.5 x² + 3 x
    Record g = method("Scaled", "scale").check(instance("Scaled", 1.5), 0.7);
    assertEquals(2 * 1.5 * 0.7 + 3, (double) component(g, "x"), 1e-12);
  }

  @Test
  void recordsAndFinalClassObjectsAsParametersAreConstants() throws ReflectiveOperationException {
    Object p = instance("Particles$Point", 0.7, -1.3);
    Record g = method("Particles", "energy").check(p, 1.25);
    // the value and ∂/∂k: a record parameter gets no partial, so no component
    assertEquals(2, g.getClass().getRecordComponents().length);
    method("Particles", "stretched").check(instance("Particles$Spring", 3.0, 0.5), p, 1.5, 0.25);
    method("Particles", "twice").check(p, 0.8);
    method("Particles", "twice").check(instance("Particles$Point", -2.0, 0.5), -0.3);
    method("Particles", "potential").check(instance("Particles"), p, 1.5);
    method("Particles", "scaledByRadius").check(p, 0.6);
  }

  @Test
  void varargsCalls() {
    method("Varargs", "calls").check(0.7, -1.3, 5);
    method("Varargs", "calls").check(0.7, -1.3, 1);
  }

  @Test
  void aMethodOfAStaticNestedClass() throws ReflectiveOperationException {
    method("Nested$Square", "applyAsDouble").check(instance("Nested$Square"), 0.9);
  }

  @Test
  void buffersSwappedInALoop() {
    double[] u0 = {0.3, -1.2, 2.5, 0.7, 1.1, -0.4};
    for (int steps : new int[] {0, 1, 2, 5}) {
      method("PingPong", "diffuse").check(u0, 0.2, steps);
    }
    method("PingPong", "swapsInBranches").check(new double[] {0.3, -1.2, 2.5}, 0.8);
  }

  @Test
  void aStoreThroughAnAliasIsAStoreToTheArrayItNames() {
    method("Aliases", "storeThroughAlias").check(new double[] {0.3, -1.2, 2.5}, 0.8);
  }

  @Test
  void anArrayResultsSeedIsCheckedBeforeTheReverseSweep() throws ReflectiveOperationException {
    Method primal =
        compiled
            .load("natural.VectorResult")
            .getDeclaredMethod("running", double[].class, double.class);
    primal.setAccessible(true);
    Method pullback =
        compiled
            .load("natural.VectorResultGrad")
            .getMethod("running", double[].class, double.class, double[].class);
    double[] x = {0.3, -0.2, 0.5};
    double[] seed = {1, -0.5, 2};
    Record g = (Record) pullback.invoke(null, x, 0.9, seed);
    assertEquals(0, Tape.current().size());
    double[] dx = (double[]) component(g, "x");
    for (int k = 0; k < x.length; k++) {
      double h = 1e-6;
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[k] += h;
      minus[k] -= h;
      double difference =
          (dot(seed, (double[]) primal.invoke(null, plus, 0.9))
                  - dot(seed, (double[]) primal.invoke(null, minus, 0.9)))
              / (2 * h);
      assertEquals(difference, dx[k], 1e-7, "seed · ∂running/∂x[" + k + "]");
    }
    InvocationTargetException thrown =
        assertThrows(
            InvocationTargetException.class,
            () -> pullback.invoke(null, x, 0.9, new double[] {1, 2}));
    assertEquals(
        "the seed has length 2 but running returns 3 values", thrown.getCause().getMessage());
    assertEquals(0, Tape.current().size(), "the forward sweep's values are dropped");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
