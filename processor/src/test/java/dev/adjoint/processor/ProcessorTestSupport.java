package dev.adjoint.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Compiling test sources with the processor, as a user's build would. */
final class ProcessorTestSupport {
  /** {@code src/test/resources}, where the good/, bad/ and expected/ sources live. */
  static final Path RESOURCES =
      Path.of(System.getProperty("adjoint.goldenDir", "src/test/resources"));

  private ProcessorTestSupport() {}

  static Compilation compile(List<JavaFileObject> sources) {
    return Compiler.javac().withProcessors(new AdjointProcessor()).compile(sources);
  }

  /** Every .java file under {@code RESOURCES/dir}, in a stable order. */
  static List<Path> javaFiles(String dir) {
    try (Stream<Path> files = Files.walk(RESOURCES.resolve(dir))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source file, named by its path under {@code RESOURCES/dir} as javac expects. */
  static JavaFileObject source(String dir, Path file) {
    String relative = RESOURCES.resolve(dir).relativize(file).toString();
    try {
      return JavaFileObjects.forSourceString(
          relative.substring(0, relative.length() - ".java".length()).replace('/', '.'),
          Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
