package dev.adjoint.processor.natural;

import static dev.adjoint.processor.natural.GradientAgainstDifferences.component;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Split sweeps run in one instance per thread of their holder class, reused from call to call: a
 * recursive call, concurrent threads, a call that throws and the references a call was given must
 * all leave the next call's gradient right and nothing of the caller's held.
 */
class SplitSweepsReuseTest {
  /** Statements enough for the sweeps to be split (see {@code JitSizedMethodsTest}). */
  private static final int STATEMENTS = 40;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled =
        CompiledSources.of(List.of(JavaFileObjects.forSourceString("demo.Reused", source())));
    assertTrue(compiled.succeeded(), compiled.errors());
  }

  @Test
  void everyMethodsSweepsAreSplit() throws ReflectiveOperationException {
    for (String name : List.of("ChainSweeps", "RecursiveSweeps", "NamedSweeps")) {
      assertEquals(
          Modifier.PRIVATE | Modifier.FINAL,
          holder(name).getDeclaredField("forward1").getModifiers());
    }
  }

  @Test
  void aRecursiveCallTakesItsOwnInstance() {
    GradientAgainstDifferences.of(compiled, "demo.Reused", "recursive").check(0.35, 3);
  }

  @Test
  void parametersAndLocalsNamedLikeTheHoldersOwnNames() {
    GradientAgainstDifferences.of(compiled, "demo.Reused", "named")
        .check(0.45, new double[] {0.3, -0.2, 0.7, 0.1});
  }

  @Test
  void threadsGetTheSameGradientsConcurrently() throws Exception {
    var method = GradientAgainstDifferences.of(compiled, "demo.Reused", "chain");
    double[] w = {0.5, -0.25, 1.5, 0.75};
    Record expected = method.gradient(0.4, w.clone());
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<Record>> results = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        results.add(pool.submit(() -> method.gradient(0.4, w.clone())));
      }
      for (Future<Record> result : results) {
        Record got = result.get();
        for (String c : List.of("value", "a")) {
          assertEquals(component(expected, c), component(got, c), c);
        }
        assertArrayEquals((double[]) component(expected, "w"), (double[]) component(got, "w"));
      }
    }
  }

  @Test
  void aCallThatThrowsLeavesTheNextRight() {
    var method = GradientAgainstDifferences.of(compiled, "demo.Reused", "chain");
    AssertionError thrown =
        assertThrows(AssertionError.class, () -> method.gradient(0.4, new double[] {0.5}));
    assertInstanceOf(ArrayIndexOutOfBoundsException.class, thrown.getCause());
    method.check(0.4, new double[] {0.5, -0.25, 1.5, 0.75});
  }

  @Test
  void theInstanceHoldsNoReferenceAfterACall() throws ReflectiveOperationException {
    GradientAgainstDifferences.of(compiled, "demo.Reused", "chain")
        .check(-0.3, new double[] {0.1, 0.2, -0.3, 0.4});
    Class<?> holder = holder("ChainSweeps");
    Field current = holder.getDeclaredField("CURRENT");
    current.setAccessible(true);
    Object instance = ((ThreadLocal<?>) current.get(null)).get();
    int references = 0;
    for (Field f : holder.getDeclaredFields()) {
      boolean shared = !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers());
      if (shared && !f.getType().isPrimitive()) {
        f.setAccessible(true);
        assertNull(f.get(instance), f.getName());
        references++;
      }
    }
    assertTrue(references >= 2, "the parameter w and the gradient array are references");
  }

  private static Class<?> holder(String name) {
    return compiled.load("demo.ReusedGrad$" + name);
  }

  /**
   * {@code chain}: a chain of {@link #STATEMENTS} statements over an array parameter; {@code
   * recursive}: the chain calling itself at {@code depth - 1} in the middle; {@code named}: the
   * chain with parameters and locals named as the holder's own members.
   */
  private static String source() {
    StringBuilder s = new StringBuilder();
    s.append("package demo;\n\n")
        .append("import dev.adjoint.annotations.Differentiable;\n\n")
        .append("final class Reused {\n");
    s.append("  @Differentiable\n  static double chain(double a, double[] w) {\n")
        .append("    double v0 = a, v1 = w[0], v2 = w[1];\n");
    for (int k = 3; k < STATEMENTS + 3; k++) {
      s.append(ChainSources.statement(k, "a", "w[" + (k % 4) + "]", "a"));
    }
    s.append("    return v").append(STATEMENTS + 2).append(";\n  }\n\n");
    s.append("  @Differentiable\n  static double recursive(double a, int depth) {\n")
        .append("    double v0 = a, v1 = 0.5 * a, v2 = a * a;\n");
    for (int k = 3; k < STATEMENTS + 3; k++) {
      s.append(ChainSources.statement(k, "a", "v" + (k - 1), "a"));
      if (k == STATEMENTS / 2) {
        s.append("    if (depth > 0) {\n      v")
            .append(k)
            .append(" = 0.5 * v")
            .append(k)
            .append(" + 0.5 * recursive(v")
            .append(k)
            .append(", depth - 1);\n    }\n");
      }
    }
    s.append("    return v").append(STATEMENTS + 2).append(";\n  }\n\n");
    // the names the holder gives its own members, its static run's local and its part instances
    s.append("  @Differentiable\n  static double named(double running, double[] sweeps) {\n")
        .append("    double v0 = running, v1 = sweeps[0], v2 = sweeps[1];\n");
    for (int k = 3; k < STATEMENTS + 3; k++) {
      s.append(ChainSources.statement(k, "running", "sweeps[" + (k % 4) + "]", "running"));
    }
    s.append("    double forward0 = v10 * running, CURRENT = forward0 + sweeps[2];\n")
        .append("    double reverse1 = CURRENT * v20, run = reverse1 - v30;\n")
        .append("    return run + v")
        .append(STATEMENTS + 2)
        .append(";\n  }\n}\n");
    return s.toString();
  }
}
