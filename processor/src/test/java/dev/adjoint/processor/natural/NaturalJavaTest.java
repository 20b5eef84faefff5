package dev.adjoint.processor.natural;

import static dev.adjoint.processor.natural.GradientAgainstDifferences.component;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
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
}
