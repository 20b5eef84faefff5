package dev.adjoint.processor.parse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.Trees;
import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Derivatives;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;

/**
 * Compiles sources with a processor that runs the parse pass alone: each {@code @Differentiable}
 * method's IR, or the diagnostic its lowering throws, by {@code Class.method}.
 */
final class LoweringHarness {
  private LoweringHarness() {}

  /** What the pass made of each method. */
  record Result(
      Map<String, MethodLowering.Lowered> lowered, Map<String, DiagnosticException> failed) {
    MethodLowering.Lowered of(String method) {
      MethodLowering.Lowered l = lowered.get(method);
      if (l == null) {
        throw new AssertionError(method + " was not lowered: " + failed.get(method));
      }
      return l;
    }
  }

  /** One source file, {@code qualifiedName} written as {@code lines}. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  static Result lower(JavaFileObject... sources) {
    Map<String, MethodLowering.Lowered> lowered = new LinkedHashMap<>();
    Map<String, DiagnosticException> failed = new LinkedHashMap<>();
    inProcessor(
        env -> {
          MethodLowering lowering =
              new MethodLowering(env.trees(), env.processing().getElementUtils(), env.registry());
          for (ExecutableElement method : env.differentiable()) {
            String key =
                method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
            try {
              lowered.put(key, lowering.lower(DifferentiableDeclaration.read(method)));
            } catch (DiagnosticException e) {
              failed.put(key, e);
            }
          }
        },
        sources);
    return new Result(lowered, failed);
  }

  /** What a test running inside the processor sees. */
  record Environment(
      ProcessingEnvironment processing,
      Trees trees,
      DerivativeRegistry registry,
      List<ExecutableElement> differentiable) {}

  /** Compiles {@code sources}, running {@code test} in the processor's first round. */
  static Compilation inProcessor(Consumer<Environment> test, JavaFileObject... sources) {
    AbstractProcessor processor =
        new AbstractProcessor() {
          @Override
          public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
          }

          @Override
          public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
          }

          @Override
          public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (round.processingOver()) {
              return false;
            }
            Trees trees = Trees.instance(processingEnv);
            DerivativeRegistry registry =
                new DerivativeRegistry(
                    processingEnv.getTypeUtils(), new Reporter(processingEnv.getMessager(), trees));
            for (Element e :
                round.getElementsAnnotatedWithAny(Set.of(Derivative.class, Derivatives.class))) {
              registry.register((ExecutableElement) e);
            }
            // classes in the order javac gives them, methods in source order
            List<ExecutableElement> methods = new ArrayList<>();
            for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
              ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                  .filter(m -> m.getAnnotation(Differentiable.class) != null)
                  .forEach(methods::add);
            }
            test.accept(new Environment(processingEnv, trees, registry, methods));
            return false;
          }
        };
    return Compiler.javac().withProcessors(processor).compile(sources);
  }
}
