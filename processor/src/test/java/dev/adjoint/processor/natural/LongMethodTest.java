package dev.adjoint.processor.natural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Methods long enough that their adjoint, written as one Java method, would pass the JVM's 64 KB
 * limit on a method's bytecode (javac's "code too large"), though the primal itself compiles. The
 * generated code must split such sweeps into several methods; each gradient is checked against
 * central differences of the method.
 */
class LongMethodTest {
  /** Top-level statements of about ten operations each: the primal is ~20 KB of bytecode. */
  private static final int STATEMENTS = 500;

  private static CompiledSources compiled;

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.of(List.of(JavaFileObjects.forSourceString("demo.Long", source())));
    assertTrue(compiled.succeeded(), compiled.errors());
  }

  @Test
  void aLongStraightLineMethod() {
    GradientAgainstDifferences.of(compiled, "demo.Long", "straight").check(0.3, -0.7, 1.1);
  }

  @Test
  void aLongMethodWithLoopsBranchesAndArrays() {
    GradientAgainstDifferences.of(compiled, "demo.Long", "mixed")
        .check(0.4, new double[] {0.5, -0.25, 1.5, 0.75}, 6);
    GradientAgainstDifferences.of(compiled, "demo.Long", "mixed")
        .check(-1.2, new double[] {0.1, 0.2, -0.3, 0.4}, 3);
  }

  @Test
  void aLongInstanceMethodReadingFields() throws ReflectiveOperationException {
    var constructor = compiled.load("demo.Long").getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    Object model = constructor.newInstance(0.8, new double[] {0.3, -0.6, 0.9});
    GradientAgainstDifferences.of(compiled, "demo.Long", "withFields").check(model, 0.25, -0.5);
  }

  /**
   * Three methods: a straight line of {@link #STATEMENTS} statements, each defining a new local
   * from the three before it (contractive, so the gradient stays of order one), with some variables
   * reassigned; the same interleaved with top-level loops, branches, array reads and calls of a
   * differentiable method; and an instance method reading a scalar and an array field.
   */
  private static String source() {
    StringBuilder s = new StringBuilder();
    s.append("package demo;\n\n")
        .append("import dev.adjoint.annotations.Differentiable;\n\n")
        .append("final class Long {\n")
        .append("  final double scale;\n  final double[] weights;\n\n")
        .append("  Long(double scale, double[] weights) {\n")
        .append("    this.scale = scale;\n    this.weights = weights;\n  }\n\n");
    s.append("  @Differentiable\n  static double straight(double a, double b, double c) {\n");
    s.append("    double v0 = a, v1 = b, v2 = c;\n    double x = a * b;\n");
    for (int k = 3; k < STATEMENTS; k++) {
      s.append(ChainSources.statement(k, "a", "b", "c"));
      if (k % 7 == 0) {
        s.append("    x = 0.5 * Math.sin(x) + 0.1 * v").append(k).append(";\n");
      }
    }
    s.append("    return v").append(STATEMENTS - 1).append(" + x;\n  }\n\n");

    s.append("  @Differentiable\n  static double mixed(double a, double[] w, int n) {\n");
    s.append("    double v0 = a, v1 = w[0], v2 = w[1];\n    double acc = 0;\n");
    for (int k = 3; k < STATEMENTS; k++) {
      s.append(ChainSources.statement(k, "a", "w[" + (k % 4) + "]", "w[" + ((k + 1) % 4) + "]"));
      if (k % 50 == 0) {
        s.append(ChainSources.accumulatingLoop(k, "n"));
      }
      if (k % 90 == 0) {
        // a call of a differentiable method at the top level: its partials are a shared local
        s.append("    acc += damped(v").append(k).append(", a);\n");
      }
      if (k % 70 == 0) {
        s.append(ChainSources.branch(k));
      }
    }
    s.append("    return v").append(STATEMENTS - 1).append(" + acc;\n  }\n\n");

    s.append("  @Differentiable\n  static double damped(double x, double y) {\n")
        .append("    return 0.5 * Math.sin(x) * y;\n  }\n\n");
    s.append("  @Differentiable\n  double withFields(double a, double b) {\n");
    s.append("    double v0 = a, v1 = b, v2 = scale * a;\n");
    for (int k = 3; k < STATEMENTS; k++) {
      s.append(ChainSources.statement(k, "scale", "weights[" + (k % 3) + "]", "b"));
    }
    s.append("    return v").append(STATEMENTS - 1).append(";\n  }\n}\n");
    return s.toString();
  }
}
