package dev.adjoint.processor.natural;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Test sources compiled with the processor in one javac run, as a user's build would, and their
 * classes (the sources' and the generated ones) loaded from memory.
 */
final class CompiledSources {
  private static final Path RESOURCES =
      Path.of(System.getProperty("adjoint.goldenDir", "src/test/resources"));

  final Compilation compilation;
  private final Map<String, byte[]> classes;
  private final ClassLoader loader;

  private CompiledSources(Compilation compilation, Map<String, byte[]> classes) {
    this.compilation = compilation;
    this.classes = Map.copyOf(classes);
    this.loader = new InMemoryClassLoader(this.classes);
  }

  /** Every {@code .java} file under {@code src/test/resources/<dir>}, compiled together. */
  static CompiledSources of(String dir) {
    Path root = RESOURCES.resolve(dir);
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String relative = root.relativize(file).toString();
        String name = relative.substring(0, relative.length() - ".java".length());
        sources.add(
            JavaFileObjects.forSourceString(name.replace('/', '.'), Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(sources);
  }

  /** The given sources, compiled together. */
  static CompiledSources of(List<JavaFileObject> sources) {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new AdjointProcessor())
            .withOptions("-parameters", "-Xlint:none")
            .compile(sources);
    Map<String, byte[]> classes = new HashMap<>();
    if (compilation.status() != Compilation.Status.SUCCESS) {
      return new CompiledSources(compilation, classes); // errors() tells
    }
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binaryName =
            path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length())
                .replaceAll("\\.class$", "")
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(binaryName, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new CompiledSources(compilation, classes);
  }

  boolean succeeded() {
    return compilation.status() == Compilation.Status.SUCCESS;
  }

  /** The errors, one per line: file, line, message. */
  String errors() {
    StringBuilder text = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      text.append(d.getSource() == null ? "?" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(": ")
          .append(d.getMessage(null))
          .append('\n');
    }
    return text.toString();
  }

  /**
   * The length of the bytecode of every method of the compiled classes whose binary name starts
   * with {@code prefix}, as {@code Class.method(descriptor)}, read with the class-file API.
   */
  Map<String, Integer> codeLengths(String prefix) {
    Map<String, Integer> lengths = new TreeMap<>();
    classes.forEach(
        (name, bytes) -> {
          if (name.startsWith(prefix)) {
            for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
              m.findAttribute(Attributes.code())
                  .ifPresent(
                      code ->
                          lengths.put(
                              name
                                  + "."
                                  + m.methodName().stringValue()
                                  + m.methodType().stringValue(),
                              code.codeLength()));
            }
          }
        });
    return lengths;
  }

  Class<?> load(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(binaryName + " was not compiled", e);
    }
  }

  /** Defines the compiled classes on demand; everything else comes from the test's class path. */
  private static final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    InMemoryClassLoader(Map<String, byte[]> classes) {
      super(CompiledSources.class.getClassLoader());
      this.classes = classes;
      setDefaultAssertionStatus(true); // as surefire's -ea does for the project's own classes
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
