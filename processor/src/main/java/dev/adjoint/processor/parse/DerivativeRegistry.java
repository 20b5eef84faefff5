package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Differentiable;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.ir.RegisteredCallee;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.MirroredTypeException;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The user-registered derivatives: for each target method, which {@code @Derivative} method gives
 * the partial with respect to which parameter. Each registration is checked against the target's
 * signature when it is read.
 */
public final class DerivativeRegistry {
  private final Types types;
  private final Reporter reporter;
  private final Map<ExecutableElement, Map<Integer, RegisteredCallee.MethodRef>> byTarget =
      new HashMap<>();
  private final Set<TypeElement> scannedClasses = new HashSet<>();
  private final List<RegisteredRule> rules = new ArrayList<>();

  public DerivativeRegistry(Types types, Reporter reporter) {
    this.types = types;
    this.reporter = reporter;
  }

  /** Checks and records every {@code @Derivative} on {@code method}; errors are reported. */
  public void register(ExecutableElement method) {
    for (Derivative derivative : method.getAnnotationsByType(Derivative.class)) {
      registerOne(method, derivative);
    }
  }

  /** Every registration that passed its checks, in the order they were read. */
  public List<RegisteredRule> rules() {
    return List.copyOf(rules);
  }

  /** The registered partials of {@code target}, by parameter index; empty if none. */
  Map<Integer, RegisteredCallee.MethodRef> derivativesOf(ExecutableElement target) {
    TypeElement owner = (TypeElement) target.getEnclosingElement();
    if (scannedClasses.add(owner)) {
      // a class compiled earlier (a library) carries its @Derivative methods with it
      for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (m.getAnnotationsByType(Derivative.class).length > 0 && !isRegistered(m)) {
          register(m);
        }
      }
    }
    return byTarget.getOrDefault(target, Map.of());
  }

  private final Set<ExecutableElement> registeredMethods = new HashSet<>();

  private boolean isRegistered(ExecutableElement method) {
    return registeredMethods.contains(method);
  }

  private void registerOne(ExecutableElement method, Derivative derivative) {
    registeredMethods.add(method);
    TypeElement owner = ownerOf(method, derivative);
    String where = "@Derivative(of = \"" + derivative.of() + "\") on " + method.getSimpleName();
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      error(method, where + " must be static: generated code calls it without an instance");
      return;
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      error(method, where + " must not be private: generated code, in another class, calls it");
      return;
    }
    List<ExecutableElement> named =
        ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(derivative.of()))
            .toList();
    if (named.isEmpty()) {
      error(
          method,
          where
              + ": no method '"
              + derivative.of()
              + "' in "
              + owner.getQualifiedName()
              + "; name a method of that class, or set in = TheClass.class");
      return;
    }
    Optional<ExecutableElement> target =
        named.stream().filter(m -> sameParameterTypes(m, method)).findFirst();
    if (target.isEmpty()) {
      error(
          method,
          where
              + " must take exactly the parameters of "
              + signatures(named)
              + ", in order, and return the partial at those arguments");
      return;
    }
    ExecutableElement t = target.get();
    TypeKind targetReturn = t.getReturnType().getKind();
    if (targetReturn != TypeKind.DOUBLE && targetReturn != TypeKind.FLOAT) {
      error(
          method,
          where
              + ": "
              + t.getSimpleName()
              + " returns "
              + t.getReturnType()
              + "; only methods returning double or float have derivatives");
      return;
    }
    TypeKind own = method.getReturnType().getKind();
    if (own != TypeKind.DOUBLE && own != targetReturn) {
      error(
          method,
          where
              + " must return double (or "
              + t.getReturnType()
              + "), not "
              + method.getReturnType());
      return;
    }
    if (t.getAnnotation(Differentiable.class) != null) {
      error(
          method,
          where
              + ": "
              + t.getSimpleName()
              + " is @Differentiable, so its adjoint is generated; remove one of the two");
      return;
    }
    Optional<Integer> index = wrtIndex(t, derivative.wrt(), method, where);
    if (index.isEmpty()) {
      return;
    }
    Map<Integer, RegisteredCallee.MethodRef> partials =
        byTarget.computeIfAbsent(t, k -> new LinkedHashMap<>());
    RegisteredCallee.MethodRef ref =
        new RegisteredCallee.MethodRef(
            ClassName.get((TypeElement) method.getEnclosingElement()),
            method.getSimpleName().toString());
    RegisteredCallee.MethodRef previous = partials.putIfAbsent(index.get(), ref);
    if (previous == null) {
      rules.add(new RegisteredRule(method, t, index.get()));
    }
    if (previous != null && !previous.equals(ref)) {
      error(
          method,
          where
              + ": the partial with respect to '"
              + t.getParameters().get(index.get()).getSimpleName()
              + "' is already registered by "
              + previous.method()
              + "; keep one");
    }
  }

  private Optional<Integer> wrtIndex(
      ExecutableElement target, String wrt, ExecutableElement method, String where) {
    List<? extends VariableElement> params = target.getParameters();
    if (wrt.isEmpty()) {
      List<Integer> floating =
          java.util.stream.IntStream.range(0, params.size())
              .filter(i -> isFloating(params.get(i).asType()))
              .boxed()
              .toList();
      if (floating.size() != 1) {
        error(
            method,
            where
                + ": "
                + target.getSimpleName()
                + " has "
                + floating.size()
                + " floating-point parameters; say which one with wrt = \"name\"");
        return Optional.empty();
      }
      return Optional.of(floating.get(0));
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).getSimpleName().contentEquals(wrt)) {
        if (!isFloating(params.get(i).asType())) {
          error(
              method,
              where
                  + ": parameter '"
                  + wrt
                  + "' is "
                  + params.get(i).asType()
                  + "; only double and float parameters have partials");
          return Optional.empty();
        }
        return Optional.of(i);
      }
    }
    error(
        method,
        where
            + ": "
            + target.getSimpleName()
            + " has no parameter '"
            + wrt
            + "'; its parameters are "
            + params.stream()
                .map(p -> p.getSimpleName().toString())
                .collect(Collectors.joining(", ")));
    return Optional.empty();
  }

  private TypeElement ownerOf(ExecutableElement method, Derivative derivative) {
    TypeMirror in;
    try {
      derivative.in(); // inside javac, reading a Class member always throws with its mirror
      in = null;
    } catch (MirroredTypeException e) {
      in = e.getTypeMirror();
    }
    if (in != null && in.getKind() == TypeKind.DECLARED) {
      return (TypeElement) types.asElement(in);
    }
    return (TypeElement) method.getEnclosingElement();
  }

  private boolean sameParameterTypes(ExecutableElement a, ExecutableElement b) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      if (!types.isSameType(
          types.erasure(a.getParameters().get(i).asType()),
          types.erasure(b.getParameters().get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  private static String signatures(List<ExecutableElement> methods) {
    return methods.stream()
        .map(
            m ->
                m.getSimpleName()
                    + m.getParameters().stream()
                        .map(p -> p.asType().toString())
                        .collect(Collectors.joining(", ", "(", ")")))
        .collect(Collectors.joining(" or "));
  }

  private static boolean isFloating(TypeMirror type) {
    return type.getKind() == TypeKind.DOUBLE || type.getKind() == TypeKind.FLOAT;
  }

  private void error(ExecutableElement method, String message) {
    reporter.error(DiagnosticId.ADJ108, method, message);
  }
}
