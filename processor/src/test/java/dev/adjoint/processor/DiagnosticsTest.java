package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.diag.DiagnosticId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in {@code bad/} marks the line where an error is expected with a comment {@code //
 * expect: [ADJnnn] message fragment}; compiling it must fail with exactly that message on exactly
 * that line.
 */
class DiagnosticsTest {
  private static final Pattern EXPECT = Pattern.compile("// expect: (\\[ADJ\\d+\\].*)$");

  private record Expectation(String message, int line) {}

  @TestFactory
  Stream<DynamicTest> eachBadSourceFailsWithItsDiagnosticOnItsLine() {
    return ProcessorTestSupport.javaFiles("bad").stream()
        .map(
            file ->
                DynamicTest.dynamicTest(file.getFileName().toString(), () -> checkBadSource(file)));
  }

  @Test
  void everyDiagnosticIdHasABadSource() throws IOException {
    Set<DiagnosticId> covered = EnumSet.noneOf(DiagnosticId.class);
    for (Path file : ProcessorTestSupport.javaFiles("bad")) {
      for (Expectation e : expectations(file)) {
        covered.add(DiagnosticId.valueOf(e.message().substring(1, 7)));
      }
    }
    // ADJ100 is the processor's own failure: there is no source that should cause it
    Set<DiagnosticId> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    missing.remove(DiagnosticId.ADJ100);
    assertTrue(missing.isEmpty(), "no bad/ source for " + missing);
  }

  /**
   * A tensor method of another file is written at its call; what cannot be differentiated in its
   * body is reported at the call, naming the callee's file and line. Bodies from another package
   * may read only public members (the generated class is in the caller's package); a sub-model of
   * another package whose fields are public is differentiated.
   */
  @Test
  void callsToTensorMethodsOfOtherFilesAreReportedAtTheCall() {
    JavaFileObject helpers =
        JavaFileObjects.forSourceLines(
            "shapes.Helpers",
            "package shapes;",
            "import dev.adjoint.annotations.Differentiable;",
            "import dev.adjoint.runtime.tensor.Tensor;",
            "public class Helpers {",
            "  public final Tensor weight = null;",
            "  static Tensor offset = null;",
            "  @Differentiable",
            "  public static Tensor cleared(Tensor x) {",
            "    Tensor y = x.mul(2);",
            "    return y.zeroInPlace().sum();",
            "  }",
            "  @Differentiable",
            "  public static Tensor shifted(Tensor x) {",
            "    return x.add(offset).sum();",
            "  }",
            "  @Differentiable",
            "  public Tensor scaled(Tensor x) {",
            "    return x.mul(weight).sum();",
            "  }",
            "}");
    JavaFileObject model =
        JavaFileObjects.forSourceLines(
            "shapes.Model",
            "package shapes;",
            "import dev.adjoint.annotations.Differentiable;",
            "import dev.adjoint.runtime.tensor.Tensor;",
            "class Model {",
            "  @Differentiable",
            "  static Tensor loss(Tensor x) {",
            "    return Helpers.cleared(x.mul(3)).add(Helpers.shifted(x));",
            "  }",
            "}");
    JavaFileObject elsewhere =
        JavaFileObjects.forSourceLines(
            "other.Caller",
            "package other;",
            "import dev.adjoint.annotations.Differentiable;",
            "import dev.adjoint.runtime.tensor.Tensor;",
            "class Caller {",
            "  final shapes.Helpers helpers = new shapes.Helpers();",
            "  @Differentiable",
            "  static Tensor loss(Tensor x) {",
            "    return shapes.Helpers.shifted(x);",
            "  }",
            "  @Differentiable",
            "  Tensor viaField(Tensor x) {",
            "    return helpers.scaled(x);",
            "  }",
            "}");
    Compilation compilation = ProcessorTestSupport.compile(List.of(helpers, model, elsewhere));
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ADJ113] in Helpers.cleared (Helpers.java:10), written at this call:"
                + " Tensor.zeroInPlace()")
        .inFile(model)
        .onLine(7);
    assertThat(compilation)
        .hadErrorContaining(
            "[ADJ110] in Helpers.shifted (Helpers.java:14), written at this call: offset is not"
                + " public; the generated class, in package other, cannot reach it in package"
                + " shapes")
        .inFile(elsewhere)
        .onLine(8);
    // the same package reads it, and a sub-model with public fields is differentiated
    assertThat(compilation).hadErrorCount(2 + 1); // and cleared's own error, at its declaration
  }

  private static void checkBadSource(Path file) throws IOException {
    List<Expectation> expectations = expectations(file);
    assertFalse(expectations.isEmpty(), file + " has no '// expect:' comment");
    JavaFileObject source = ProcessorTestSupport.source("bad", file);
    Compilation compilation = ProcessorTestSupport.compile(List.of(source));
    assertThat(compilation).failed();
    for (Expectation e : expectations) {
      assertThat(compilation).hadErrorContaining(e.message()).inFile(source).onLine(e.line());
    }
  }

  private static List<Expectation> expectations(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Expectation> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.find()) {
        found.add(new Expectation(m.group(1).trim(), i + 1));
      }
    }
    return found;
  }
}
