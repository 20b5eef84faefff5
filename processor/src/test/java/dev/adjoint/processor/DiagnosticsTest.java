package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
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
