package dev.adjoint.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Derivatives;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ActivityAnalysis;
import dev.adjoint.processor.analysis.LoadReuse;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.diff.Adjoint;
import dev.adjoint.processor.diff.ReverseMode;
import dev.adjoint.processor.emit.GradientClassWriter;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.Names;
import dev.adjoint.processor.parse.DerivativeRegistry;
import dev.adjoint.processor.parse.DifferentiableDeclaration;
import dev.adjoint.processor.parse.GeneratedNames;
import dev.adjoint.processor.parse.MethodLowering;
import dev.adjoint.processor.parse.RegisteredRule;
import dev.adjoint.processor.parse.UnseenDeclarations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Generated;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The Adjoint annotation processor: for every class with {@code @Differentiable} methods, writes a
 * class {@code <Name>Grad} with their reverse-mode adjoints.
 *
 * <p>Each method goes through the passes in order: parse (javac tree → IR), analysis (activity),
 * diff (reverse mode, rules written as source), emit (JavaPoet). A problem in one method is
 * reported with its id and position, and the others are still generated. Nothing is thrown into
 * javac: an unexpected failure becomes an {@link DiagnosticId#ADJ100} error.
 */
@AutoService(Processor.class)
public final class AdjointProcessor extends AbstractProcessor {
  private Trees trees;
  private Reporter reporter;
  private DerivativeRegistry registry;
  private MethodLowering lowering;
  private final GradientChecks checks = new GradientChecks();
  private int rulesChecked;

  /**
   * Every source, annotated or not: a {@code @Differentiable} method of an anonymous or local class
   * does not make javac run a processor for {@code @Differentiable}, and must be reported.
   */
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
    if (round.getRootElements().isEmpty() || !initialize()) {
      return false;
    }
    try {
      reportUnseen(round);
      for (Element e :
          round.getElementsAnnotatedWithAny(Set.of(Derivative.class, Derivatives.class))) {
        registry.register((ExecutableElement) e);
      }
      Map<String, List<ExecutableElement>> byClass = new TreeMap<>();
      for (Element e : round.getElementsAnnotatedWith(Differentiable.class)) {
        TypeElement owner = (TypeElement) e.getEnclosingElement();
        byClass
            .computeIfAbsent(owner.getQualifiedName().toString(), k -> new ArrayList<>())
            .add((ExecutableElement) e);
      }
      for (List<ExecutableElement> methods : byClass.values()) {
        generate(methods);
      }
      // the rules of this compilation's sources (a library's were checked where it was built)
      List<RegisteredRule> rules = registry.rules();
      rules.subList(rulesChecked, rules.size()).stream()
          .filter(r -> trees.getPath(r.rule()) != null)
          .forEach(checks::rule);
      rulesChecked = rules.size();
      checks.writeTo(processingEnv.getFiler(), reporter);
    } catch (RuntimeException e) {
      reporter.error(DiagnosticId.ADJ100, null, internalError(e));
    }
    return false;
  }

  /** Reports {@code @Differentiable} methods of anonymous and local classes, which javac hides. */
  private void reportUnseen(RoundEnvironment round) {
    Set<CompilationUnitTree> units = new LinkedHashSet<>();
    for (Element root : round.getRootElements()) {
      TreePath path = trees.getPath(root);
      if (path != null) {
        units.add(path.getCompilationUnit());
      }
    }
    for (CompilationUnitTree unit : units) {
      for (MethodTree method : UnseenDeclarations.in(unit)) {
        reporter.error(
            DiagnosticId.ADJ107,
            method,
            unit,
            "@Differentiable method "
                + method.getName()
                + " is in an anonymous or local class, whose members annotation processing does"
                + " not see, so it would get no gradient; move it to a named class (a static"
                + " nested class, or a top-level one)");
      }
    }
  }

  private boolean initialize() {
    if (trees != null) {
      return true;
    }
    try {
      trees = Trees.instance(processingEnv);
    } catch (IllegalArgumentException e) {
      reporter = new Reporter(processingEnv.getMessager(), null);
      reporter.error(
          DiagnosticId.ADJ100,
          null,
          "Adjoint reads method bodies through javac's tree API, which this compiler does not"
              + " offer; build with javac (JDK 25)");
      return false;
    }
    reporter = new Reporter(processingEnv.getMessager(), trees);
    registry = new DerivativeRegistry(processingEnv.getTypeUtils(), reporter);
    lowering = new MethodLowering(trees, processingEnv.getElementUtils(), registry);
    return true;
  }

  private void generate(List<ExecutableElement> methods) {
    TypeElement owner = (TypeElement) methods.get(0).getEnclosingElement();
    String generatedName = GeneratedNames.qualifiedGradientClass(owner);
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(generatedName);
    if (existing != null
        && trees.getPath(existing) != null
        && existing.getAnnotation(Generated.class) == null) {
      // a class of the user's, compiled now, has the name: javac would only say "Attempt to
      // recreate a file"
      reporter.error(
          DiagnosticId.ADJ107,
          owner,
          "the gradients of "
              + owner.getSimpleName()
              + " go to a generated class "
              + generatedName
              + ", but a class of yours has that name; rename it, or move the @Differentiable"
              + " methods to a class whose name + Grad is free");
      return;
    }
    // source order, so output is deterministic
    List<ExecutableElement> ordered =
        ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
            .filter(methods::contains)
            .toList();
    GradientClassWriter writer =
        new GradientClassWriter(
            GeneratedNames.packageOf(owner),
            GeneratedNames.gradientClass(owner),
            ClassName.get(owner));
    AnomalyVariants anomalies = new AnomalyVariants(owner);
    int generated = 0;
    for (ExecutableElement method : ordered) {
      try {
        DifferentiableDeclaration declaration = DifferentiableDeclaration.read(method);
        MethodLowering.Lowered lowered = lowering.lower(declaration);
        try {
          // the same primal with each array element loaded once per straight-line stretch
          IrFunction function = LoadReuse.apply(lowered.function());
          Activity activity = ActivityAnalysis.analyze(function);
          String seedName = lowered.names().fresh("seed");
          // tensor methods add into .grad(); the others into caller arrays
          boolean onTensors = function.usesTensors();
          Map<String, String> arrayAdjoints = new LinkedHashMap<>();
          boolean scalarPartials = false;
          for (IrFunction.Parameter p : function.parameters()) {
            if (onTensors || !p.differentiated()) {
              continue;
            }
            if (p.variable().type().isArray()) {
              arrayAdjoints.put(p.name(), lowered.names().fresh(adjointName(p.name())));
            } else {
              scalarPartials = true;
            }
          }
          Optional<String> gradient =
              scalarPartials ? Optional.of(lowered.names().fresh("gradient")) : Optional.empty();
          String value = onTensors ? null : lowered.names().fresh("value");
          Names checkedNames = lowered.names().copy();
          Adjoint adjoint =
              ReverseMode.write(
                  function,
                  activity,
                  lowered.names(),
                  GeneratedNames.qualifiedGradientClass(owner),
                  seedName,
                  arrayAdjoints,
                  false);
          if (method.getAnnotation(Differentiable.class).anomalyChecks()) {
            adjoint =
                anomalies.add(
                    function,
                    activity,
                    checkedNames,
                    seedName,
                    arrayAdjoints,
                    gradient,
                    value,
                    adjoint);
          }
          if (onTensors) {
            writer.addTensor(function, adjoint, seedName, "tensors");
          } else {
            writer.add(
                function,
                adjoint,
                seedName,
                new GradientClassWriter.Accumulators(gradient, arrayAdjoints, value));
          }
          writer.addOriginatingElements(lowering.classesRead(declaration));
          anomalies.addOriginatingElements(lowering.classesRead(declaration));
          checks.method(owner, method, function);
          generated++;
        } catch (DiagnosticException e) {
          reportAtOrigin(e, method, lowered.sourceMap());
        }
      } catch (DiagnosticException e) {
        reporter.report(e, method);
      } catch (RuntimeException e) {
        reporter.error(DiagnosticId.ADJ100, method, internalError(e));
      }
    }
    if (generated == 0) {
      return;
    }
    anomalies.writeTo(processingEnv.getFiler(), reporter);
    try {
      writer.toJavaFile().writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      reporter.error(
          DiagnosticId.ADJ100,
          owner,
          "could not write " + GeneratedNames.gradientClass(owner) + ": " + e.getMessage());
    }
  }

  private void reportAtOrigin(
      DiagnosticException e, ExecutableElement method, Map<Long, Tree> sourceMap) {
    // the map holds the trees of the method's own file; an origin in another file (the body of
    // a callee written at a call) is reported at the method
    String path = trees.getPath(method).getCompilationUnit().getSourceFile().getName();
    String file = path.substring(path.lastIndexOf('/') + 1);
    Tree tree =
        e.origin() == null || !e.origin().file().equals(file)
            ? null
            : sourceMap.get(e.origin().position());
    reporter.report(
        new DiagnosticException(e.id(), tree, e.getMessage().substring(e.id().tag().length() + 1)),
        method);
  }

  private static String adjointName(String name) {
    return "d" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String internalError(RuntimeException e) {
    StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    return "internal error in the Adjoint processor (please report it): "
        + e
        + (where == null ? "" : " at " + where);
  }
}
