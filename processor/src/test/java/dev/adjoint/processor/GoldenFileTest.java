package dev.adjoint.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated sources for {@code good/} match {@code expected/} exactly. After an intended change
 * to generated code, regenerate with {@code mvn -pl processor test -Dadjoint.regenerateGolden=true}
 * and review the diff.
 */
class GoldenFileTest {
  private static final boolean REGENERATE = Boolean.getBoolean("adjoint.regenerateGolden");

  @Test
  void generatedSourcesMatchGoldenFiles() throws IOException {
    List<Path> files = ProcessorTestSupport.javaFiles("good");
    Compilation compilation =
        ProcessorTestSupport.compile(
            files.stream().map(f -> ProcessorTestSupport.source("good", f)).toList());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isNotEmpty();
    for (JavaFileObject generated : compilation.generatedSourceFiles()) {
      String path = generated.getName().replaceFirst("^.*?SOURCE_OUTPUT/", "");
      Path expected = ProcessorTestSupport.RESOURCES.resolve("expected").resolve(path);
      String actual = generated.getCharContent(true).toString();
      if (REGENERATE) {
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, actual);
      }
      assertEquals(Files.readString(expected), actual, "generated " + path);
    }
  }

  @Test
  void outputIsDeterministic() throws IOException {
    List<Path> files = ProcessorTestSupport.javaFiles("good");
    // a different order of sources must not change a byte
    List<JavaFileObject> forward =
        files.stream().map(f -> ProcessorTestSupport.source("good", f)).toList();
    List<JavaFileObject> backward = forward.reversed();
    Compilation first = ProcessorTestSupport.compile(forward);
    Compilation second = ProcessorTestSupport.compile(backward);
    assertEquals(first.generatedSourceFiles().size(), second.generatedSourceFiles().size());
    for (int i = 0; i < first.generatedSourceFiles().size(); i++) {
      JavaFileObject a = first.generatedSourceFiles().get(i);
      JavaFileObject b =
          second.generatedSourceFiles().stream()
              .filter(f -> f.getName().equals(a.getName()))
              .findFirst()
              .orElseThrow();
      assertEquals(a.getCharContent(true).toString(), b.getCharContent(true).toString());
    }
  }
}
