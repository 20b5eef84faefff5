package dev.adjoint.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.emit.GradientCheckWriter;
import dev.adjoint.processor.ir.IrFunction;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.parse.GeneratedNames;
import dev.adjoint.processor.parse.RegisteredRule;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Collects, per class, the gradient checks of its {@code @Differentiable} methods (each once its
 * adjoint is generated) and of its {@code @Derivative} rules, and writes {@code <Class>GradCheck}
 * ({@link GradientCheckWriter}). What the generated class cannot call (a private method or class, a
 * target of another package that is not public) gets no check.
 */
final class GradientChecks {
  private final Map<String, GradientCheckWriter> writers = new TreeMap<>();
  private final Map<String, TypeElement> owners = new TreeMap<>();

  /** Rules already checked: one method may register several partials (a check per method). */
  private final Set<ExecutableElement> checkedRules = new HashSet<>();

  /** The check of a method whose adjoint was generated. */
  void method(TypeElement owner, ExecutableElement method, IrFunction function) {
    if (!callable(method)) {
      return;
    }
    if (function.usesTensors()) {
      if (function.returnType() == IrType.TENSOR) {
        writer(owner).addTensor(function);
      }
    } else if (GradientCheckWriter.checksScalar(function)) {
      writer(owner).addScalar(function);
    }
  }

  /** The check of a rule, put with the class that declares the rule. */
  void rule(RegisteredRule registered) {
    ExecutableElement rule = registered.rule();
    ExecutableElement target = registered.target();
    TypeElement ruleOwner = (TypeElement) rule.getEnclosingElement();
    TypeElement targetOwner = (TypeElement) target.getEnclosingElement();
    VariableElement wrt = target.getParameters().get(registered.wrt());
    boolean samePackage =
        GeneratedNames.packageOf(ruleOwner).equals(GeneratedNames.packageOf(targetOwner));
    if (!checkedRules.add(rule)
        || !callable(rule)
        || !callable(target)
        || (!samePackage && !publicAll(target))
        || wrt.asType().getKind() != TypeKind.DOUBLE) {
      return;
    }
    writer(ruleOwner)
        .addDerivative(
            ClassName.get(ruleOwner),
            rule.getSimpleName().toString(),
            ClassName.get(targetOwner),
            target.getSimpleName().toString(),
            target.getParameters().stream().map(p -> p.getSimpleName().toString()).toList(),
            target.getParameters().stream().map(p -> TypeName.get(p.asType())).toList(),
            registered.wrt());
  }

  /** Writes every class that holds a check. */
  void writeTo(Filer filer, Reporter reporter) {
    for (Map.Entry<String, GradientCheckWriter> e : writers.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      try {
        e.getValue().toJavaFile().writeTo(filer);
      } catch (IOException failure) {
        reporter.error(
            DiagnosticId.ADJ100,
            owners.get(e.getKey()),
            "could not write the gradient checks of " + e.getKey() + ": " + failure.getMessage());
      }
    }
    writers.clear();
    owners.clear();
  }

  private GradientCheckWriter writer(TypeElement owner) {
    String name = owner.getQualifiedName().toString();
    owners.put(name, owner);
    return writers.computeIfAbsent(
        name,
        k ->
            new GradientCheckWriter(
                GeneratedNames.packageOf(owner),
                GeneratedNames.gradientClass(owner) + "Check",
                ClassName.get(owner),
                ClassName.get(
                    GeneratedNames.packageOf(owner), GeneratedNames.gradientClass(owner))));
  }

  // neither it nor a class around it is private
  private static boolean callable(Element e) {
    for (; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    return true;
  }

  private static boolean publicAll(Element e) {
    for (; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
