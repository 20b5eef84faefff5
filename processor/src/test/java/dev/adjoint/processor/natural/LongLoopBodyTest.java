package dev.adjoint.processor.natural;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * ADJ115: a loop whose body alone is too long for the adjoint of one JVM method, even with the
 * sweeps split into methods, is reported at the loop with the fix; the fix (the body's two halves
 * moved into a {@code @Differentiable} helper called twice) compiles, and its gradient matches
 * central differences.
 */
class LongLoopBodyTest {
  /** Statements per half of the loop body: the whole body is about 6000 units of weight. */
  private static final int HALF = 80;

  @Test
  void aLoopBodyTooLongForOneMethodIsReportedAtTheLoop() {
    StringBuilder body = new StringBuilder();
    body.append(chain("u", "x", "      ")).append("      double y = u").append(HALF + 2);
    body.append(";\n").append(chain("w", "y", "      "));
    body.append("      x = w").append(HALF + 2).append(";\n");
    String source =
        header()
            + "  @Differentiable\n  static double iterate(double a, int n) {\n"
            + "    double x = a;\n"
            + "    for (int i = 0; i < n; i++) {\n" // line 9
            + body
            + "    }\n    return x;\n  }\n}\n";
    JavaFileObject file = JavaFileObjects.forSourceString("demo.Loop", source);
    Compilation compilation =
        Compiler.javac().withProcessors(new AdjointProcessor()).compile(List.of(file));
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ADJ115] the adjoint of the statement at Loop.java:9 is too long for one method of"
                + " the JVM (64 KB of bytecode), even in a method of its own; move part of its"
                + " body into a @Differentiable helper method and call that there")
        .inFile(file)
        .onLine(9);
    assertThat(compilation).hadErrorCount(1); // not javac's "code too large"
  }

  @Test
  void theFixMovesTheBodyIntoAHelper() {
    String source =
        header()
            + "  @Differentiable\n  static double iterate(double a, int n) {\n"
            + "    double x = a;\n"
            + "    for (int i = 0; i < n; i++) {\n"
            + "      x = half(x, a);\n      x = half(x, a);\n"
            + "    }\n    return x;\n  }\n\n"
            + "  @Differentiable\n  static double half(double x, double a) {\n"
            + chain("u", "x", "    ")
            + "    return u"
            + (HALF + 2)
            + ";\n  }\n}\n";
    CompiledSources compiled =
        CompiledSources.of(List.of(JavaFileObjects.forSourceString("demo.Loop", source)));
    assertTrue(compiled.succeeded(), compiled.errors());
    GradientAgainstDifferences.of(compiled, "demo.Loop", "iterate").check(0.7, 3);
  }

  private static String header() {
    return "package demo;\n\nimport dev.adjoint.annotations.Differentiable;\n\n"
        + "final class Loop {\n";
  }

  /**
   * {@value #HALF} statements {@code double pK = ...} from {@code start}, each of about ten
   * operations on the three before it (contractive: each partial is at most ~0.4).
   */
  private static String chain(String p, String start, String indent) {
    StringBuilder s = new StringBuilder();
    s.append(indent)
        .append(
            String.format(
                "double %s0 = %s, %s1 = 0.5 * %s, %s2 = 0.25 * %s;%n",
                p, start, p, start, p, start));
    for (int k = 3; k <= HALF + 2; k++) {
      s.append(indent)
          .append(
              String.format(
                  "double %s%d = 0.3 * Math.sin(%s%d * a + %d.0) + 0.2 * Math.cos(a - %s%d) * 0.5"
                      + " - 0.01 * %s%d * %s%d + 0.1 * Math.exp(-a * a);%n",
                  p, k, p, k - 1, k % 5, p, k - 2, p, k - 3, p, k - 3));
    }
    return s.toString();
  }
}
