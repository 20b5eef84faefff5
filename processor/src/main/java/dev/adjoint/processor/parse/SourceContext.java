package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import java.nio.file.Path;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Where the body being lowered comes from, and where the code generated from it will live: what
 * does not change while one function is lowered.
 *
 * @param method the {@code @Differentiable} method whose body it is
 * @param declaration its checked declaration
 * @param owner the class declaring it, whose members its names find
 * @param unit its compilation unit, whose imports its names resolve through
 * @param file the unit's simple file name, as origins print it
 * @param resolver how names resolve in the unit
 * @param home the package of the generated class that will hold the code: what the body reads must
 *     be reachable from there, and classes are named as code there names them
 */
record SourceContext(
    ExecutableElement method,
    DifferentiableDeclaration declaration,
    TypeElement owner,
    CompilationUnitTree unit,
    String file,
    TypeResolver resolver,
    PackageElement home) {

  /** The context of {@code declaration}'s body, for generated code in {@code home}. */
  static SourceContext of(
      DifferentiableDeclaration declaration,
      CompilationUnitTree unit,
      Elements elements,
      PackageElement home) {
    ExecutableElement method = declaration.method();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    return new SourceContext(
        method,
        declaration,
        owner,
        unit,
        fileName(unit),
        new TypeResolver(elements, unit, owner),
        home);
  }

  /** The simple name of the unit's file, {@code Tensors.java}. */
  static String fileName(CompilationUnitTree unit) {
    return Path.of(unit.getSourceFile().toUri().getPath()).getFileName().toString();
  }

  /** Whether the body runs on a receiver, whose instance fields it may read. */
  boolean isInstance() {
    return !method.getModifiers().contains(Modifier.STATIC);
  }
}
