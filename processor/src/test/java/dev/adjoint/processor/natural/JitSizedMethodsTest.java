package dev.adjoint.processor.natural;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Methods of every length from a few statements to far past the point where their adjoint is split
 * into parts: every method the processor generates for them stays within HotSpot's limit for
 * JIT-compiling a method at all ({@code -XX:HugeMethodLimit}, 8000 bytes of bytecode, under the
 * default {@code -XX:+DontCompileHugeMethods}), so no gradient is left to the interpreter (a 50
 * statement function's adjoint written as one 20 KB method ran 9 times slower than its primal), and
 * each gradient is right (central differences). Loop bodies are short here: a single loop heavier
 * than a part is a part alone (see {@code LongLoopBodyTest}).
 */
class JitSizedMethodsTest {
  /** HotSpot's {@code HugeMethodLimit}: a longer method is never compiled by default. */
  private static final int HUGE_METHOD_LIMIT = 8000;

  private static final int[] LENGTHS = {5, 15, 25, 35, 45, 60, 80, 120};

  private static CompiledSources compiled;

  static IntStream lengths() {
    return IntStream.of(LENGTHS);
  }

  @BeforeAll
  static void compile() {
    compiled = CompiledSources.of(List.of(JavaFileObjects.forSourceString("demo.Sized", source())));
    assertTrue(compiled.succeeded(), compiled.errors());
  }

  @ParameterizedTest(name = "{0} statements")
  @MethodSource("lengths")
  void straightLineMethodsAreCompilableAndRight(int statements) {
    GradientAgainstDifferences.of(compiled, "demo.Sized", "straight" + statements)
        .check(0.3, -0.7, 1.1);
  }

  @ParameterizedTest(name = "{0} statements")
  @MethodSource("lengths")
  void methodsWithLoopsAndBranchesAreCompilableAndRight(int statements) {
    GradientAgainstDifferences.of(compiled, "demo.Sized", "mixed" + statements)
        .check(0.4, new double[] {0.5, -0.25, 1.5, 0.75}, 5);
  }

  @Test
  void noGeneratedMethodIsTooLongForTheJit() {
    Map<String, Integer> lengths = compiled.codeLengths("demo.SizedGrad");
    assertTrue(lengths.size() > 2 * LENGTHS.length, () -> "no generated methods: " + lengths);
    String tooLong =
        lengths.entrySet().stream()
            .filter(e -> e.getValue() > HUGE_METHOD_LIMIT)
            .map(e -> e.getKey() + ": " + e.getValue() + " bytes")
            .collect(Collectors.joining("\n"));
    assertTrue(tooLong.isEmpty(), () -> "over " + HUGE_METHOD_LIMIT + " bytes:\n" + tooLong);
  }

  /**
   * For each length: {@code straightN}, a straight line of N statements of about fifteen operations
   * (each a new local from the three before it, contractive); {@code mixedN}, the same with a short
   * loop every seventh statement and a branch every eleventh.
   */
  private static String source() {
    StringBuilder s = new StringBuilder();
    s.append("package demo;\n\n")
        .append("import dev.adjoint.annotations.Differentiable;\n\n")
        .append("final class Sized {\n");
    for (int n : LENGTHS) {
      s.append("  @Differentiable\n  static double straight")
          .append(n)
          .append("(double a, double b, double c) {\n")
          .append("    double v0 = a, v1 = b, v2 = c;\n");
      for (int k = 3; k < n + 3; k++) {
        s.append(ChainSources.statement(k, "a", "b", "c"));
      }
      s.append("    return v").append(n + 2).append(";\n  }\n\n");

      s.append("  @Differentiable\n  static double mixed")
          .append(n)
          .append("(double a, double[] w, int m) {\n")
          .append("    double v0 = a, v1 = w[0], v2 = w[1];\n    double acc = 0;\n");
      for (int k = 3; k < n + 3; k++) {
        s.append(ChainSources.statement(k, "a", "w[" + (k % 4) + "]", "w[" + ((k + 1) % 4) + "]"));
        if (k % 7 == 0) {
          s.append(ChainSources.accumulatingLoop(k, "m"));
        }
        if (k % 11 == 0) {
          s.append(ChainSources.branch(k));
        }
      }
      s.append("    return v").append(n + 2).append(" + acc;\n  }\n\n");
    }
    return s.append("}\n").toString();
  }
}
