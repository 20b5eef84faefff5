package dev.adjoint.processor.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Many random programs compiled with the processor in one javac run (javac's start-up dominates a
 * small compilation), their classes loaded from memory.
 */
final class CompiledBatch {
  private final Compilation compilation;
  private final ClassLoader loader;

  private CompiledBatch(Compilation compilation, ClassLoader loader) {
    this.compilation = compilation;
    this.loader = loader;
  }

  /** Compiles {@code fuzz.P0 … P(n-1)} from {@code programs}, in order. */
  static CompiledBatch compile(List<Program> programs) {
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      sources.add(ProgramRenderer.classSource(className(i), programs.get(i)));
    }
    return compileSources(sources);
  }

  /** Compiles the classes {@code fuzz.P0 … P(n-1)}, whose sources are given in order. */
  static CompiledBatch compileSources(List<String> classSources) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < classSources.size(); i++) {
      sources.add(
          JavaFileObjects.forSourceString(
              ProgramRenderer.PACKAGE + "." + className(i), classSources.get(i)));
    }
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new AdjointProcessor())
            .withOptions("-Xlint:none", "-nowarn")
            .compile(sources);
    Map<String, byte[]> classes = new HashMap<>();
    // a failed compilation has no files to give (compile-testing throws): its errors explain it
    List<JavaFileObject> generated =
        compilation.status() == Compilation.Status.SUCCESS
            ? compilation.generatedFiles()
            : List.of();
    for (JavaFileObject file : generated) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binaryName =
            path.substring(path.indexOf(ProgramRenderer.PACKAGE + "/"), path.length() - 6)
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(binaryName, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new CompiledBatch(compilation, new InMemoryClassLoader(classes));
  }

  static String className(int index) {
    return "P" + index;
  }

  boolean succeeded() {
    return compilation.status() == Compilation.Status.SUCCESS;
  }

  /** The indices of the programs javac or the processor reported errors in, in order. */
  Set<Integer> failedPrograms() {
    Set<Integer> failed = new LinkedHashSet<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String name = d.getSource() == null ? "" : d.getSource().getName();
      Matcher m = Pattern.compile("P(\\d+)(Grad)?\\.java").matcher(name);
      if (m.find()) {
        failed.add(Integer.parseInt(m.group(1)));
      } else {
        failed.add(-1);
      }
    }
    return failed;
  }

  /** The error diagnostics, one per line. */
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

  /** The generated source of program {@code index}'s gradient class, if any. */
  String generatedSource(int index) {
    return compilation
        .generatedSourceFile(ProgramRenderer.PACKAGE + "." + className(index) + "Grad")
        .map(
            f -> {
              try {
                return f.getCharContent(true).toString();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orElse("(none)");
  }

  Class<?> load(String simpleName) throws ClassNotFoundException {
    return Class.forName(ProgramRenderer.PACKAGE + "." + simpleName, true, loader);
  }

  /** Defines the compiled classes on demand; everything else comes from the test's class path. */
  private static final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    InMemoryClassLoader(Map<String, byte[]> classes) {
      super(CompiledBatch.class.getClassLoader());
      this.classes = classes;
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
