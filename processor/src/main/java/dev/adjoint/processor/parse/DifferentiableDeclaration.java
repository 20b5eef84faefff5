package dev.adjoint.processor.parse;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import dev.adjoint.processor.ir.IrType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * What a {@code @Differentiable} declaration says, checked: the parameters, their types, and which
 * of them are differentiated. Read the same way for the method being processed and for a
 * {@code @Differentiable} method it calls.
 *
 * @param method the annotated method
 * @param parameterTypes the IR type of each parameter
 * @param differentiated for each parameter, whether it gets a partial
 * @param returnType the IR type of the result
 */
public record DifferentiableDeclaration(
    ExecutableElement method,
    List<IrType> parameterTypes,
    List<Boolean> differentiated,
    IrType returnType) {

  /** Reads and checks the declaration; a problem is an {@link DiagnosticId#ADJ107} or ADJ106. */
  public static DifferentiableDeclaration read(ExecutableElement method) {
    Differentiable annotation = method.getAnnotation(Differentiable.class);
    String name = method.getSimpleName().toString();
    if (method.getModifiers().contains(Modifier.ABSTRACT)
        || method.getModifiers().contains(Modifier.NATIVE)) {
      throw DiagnosticException.atDeclaration(
          DiagnosticId.ADJ107,
          "@Differentiable method "
              + name
              + " has no body to differentiate; annotate a method"
              + " with a body");
    }
    for (Element e = method.getEnclosingElement();
        e instanceof TypeElement type;
        e = type.getEnclosingElement()) {
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ110,
            "@Differentiable method "
                + name
                + " is in private class "
                + type.getSimpleName()
                + "; the generated class cannot reach it: make the class package-private");
      }
    }
    Optional<IrType> returnType = Types2Ir.of(method.getReturnType());
    if (returnType.isEmpty()
        || !returnType.get().carriesDerivative()
        || returnType.get().isMatrix()) {
      throw DiagnosticException.atDeclaration(
          DiagnosticId.ADJ106,
          "@Differentiable method "
              + name
              + " returns "
              + method.getReturnType()
              + "; it must return double or float (or a one-dimensional array of them), or a"
              + " Tensor");
    }
    List<IrType> types = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      IrType type =
          irType(p.asType())
              .orElseThrow(
                  () ->
                      DiagnosticException.atDeclaration(
                          DiagnosticId.ADJ106,
                          "parameter '"
                              + p.getSimpleName()
                              + "' of "
                              + name
                              + " has type "
                              + p.asType()
                              + "; @Differentiable methods take double, float,"
                              + " int, long and boolean parameters, one-dimensional arrays of"
                              + " them, double[][] and float[][], Tensors, and records and"
                              + " objects of final classes (read as constants)"));
      if (type == IrType.OBJECT) {
        requireNameable(p, method, name);
      }
      types.add(type);
    }
    // the seeded overload f(args, seed) must not take the signature of another overload's f(args)
    List<IrType> seeded = new ArrayList<>(types);
    seeded.add(returnType.get());
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    for (ExecutableElement other :
        ElementFilter.methodsIn(method.getEnclosingElement().getEnclosedElements())) {
      if (other != method
          && other.getSimpleName().contentEquals(name)
          && other.getAnnotation(Differentiable.class) != null
          && other.getModifiers().contains(Modifier.STATIC) == isStatic
          && seeded.equals(
              other.getParameters().stream().map(p -> irType(p.asType()).orElse(null)).toList())) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ107,
            "@Differentiable method "
                + name
                + ": its generated seeded overload, which takes the arguments and then a "
                + returnType.get().javaName()
                + " seed, has the same parameter types as the generated gradient of the"
                + " @Differentiable overload "
                + other
                + "; rename one of the two");
      }
    }
    Set<String> wrt = new LinkedHashSet<>(Arrays.asList(annotation.wrt()));
    List<String> names =
        method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList();
    for (String w : wrt) {
      int i = names.indexOf(w);
      if (i < 0) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ107,
            "@Differentiable(wrt = \""
                + w
                + "\") on "
                + name
                + ": there is no parameter '"
                + w
                + "'; the parameters are "
                + String.join(", ", names));
      }
      if (!types.get(i).carriesDerivative()) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ107,
            "@Differentiable(wrt = \""
                + w
                + "\") on "
                + name
                + ": '"
                + w
                + "' is "
                + method.getParameters().get(i).asType()
                + "; only double and float parameters (and their arrays, and Tensors) have"
                + " partials"
                + (types.get(i) == IrType.OBJECT
                    ? ": a record or object parameter is read as constants; pass the values to"
                        + " differentiate as double parameters"
                    : ""));
      }
      if (method.getParameters().get(i).getAnnotation(NoDerivative.class) != null) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ107,
            "@Differentiable(wrt = \""
                + w
                + "\") on "
                + name
                + ": '"
                + w
                + "' is also marked @NoDerivative; remove one of the two");
      }
    }
    List<Boolean> differentiated = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      boolean candidate =
          types.get(i).carriesDerivative()
              && method.getParameters().get(i).getAnnotation(NoDerivative.class) == null;
      differentiated.add(candidate && (wrt.isEmpty() || wrt.contains(names.get(i))));
    }
    boolean onTensors = returnType.get() == IrType.TENSOR || types.contains(IrType.TENSOR);
    if (onTensors) {
      for (int i = 0; i < types.size(); i++) {
        if (differentiated.get(i) && types.get(i) != IrType.TENSOR) {
          throw DiagnosticException.atDeclaration(
              DiagnosticId.ADJ113,
              "@Differentiable method "
                  + name
                  + " computes with tensors, whose gradients go to tensors; its "
                  + types.get(i).javaName()
                  + " parameter '"
                  + names.get(i)
                  + "' would get none: mark it @NoDerivative, or make it a Tensor");
        }
      }
      if (returnType.get() != IrType.TENSOR) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ113,
            "@Differentiable method "
                + name
                + " takes tensors but returns "
                + method.getReturnType()
                + "; return the Tensor (a one-element loss, as for backward())");
      }
    }
    // a method of a model class may differentiate only the tensors it reads from fields
    boolean mayUseFields =
        returnType.get() == IrType.TENSOR && !method.getModifiers().contains(Modifier.STATIC);
    if (!differentiated.contains(true) && !mayUseFields) {
      throw DiagnosticException.atDeclaration(
          DiagnosticId.ADJ107,
          "@Differentiable method "
              + name
              + " has no parameter to differentiate with respect"
              + " to; it needs a double or float parameter not marked @NoDerivative");
    }
    return new DifferentiableDeclaration(method, types, differentiated, returnType.get());
  }

  /**
   * The IR type of a parameter type: one the IR knows, or {@link IrType#OBJECT} for a record or an
   * object of a final class, read as constants ({@link ObjectParameters}).
   */
  private static Optional<IrType> irType(TypeMirror type) {
    return Types2Ir.of(type).or(() -> ObjectParameters.constantClass(type).map(c -> IrType.OBJECT));
  }

  /** ADJ110 unless the generated class, in the method's package, can name the parameter's class. */
  private static void requireNameable(VariableElement p, ExecutableElement method, String name) {
    TypeElement type = ObjectParameters.constantClass(p.asType()).orElseThrow();
    Element home = enclosingPackage(method);
    for (Element e = type; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      boolean hidden =
          e.getModifiers().contains(Modifier.PRIVATE)
              || !e.getModifiers().contains(Modifier.PUBLIC) && !enclosingPackage(e).equals(home);
      if (hidden) {
        throw DiagnosticException.atDeclaration(
            DiagnosticId.ADJ110,
            "parameter '"
                + p.getSimpleName()
                + "' of "
                + name
                + " has type "
                + type.getQualifiedName()
                + ", which the generated class cannot name: make "
                + e.getSimpleName()
                + " package-private (in the method's package) or public");
      }
    }
  }

  private static Element enclosingPackage(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return e;
  }

  /** The parameter names. */
  public List<String> parameterNames() {
    return method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList();
  }

  /** A readable signature, {@code energy(double, double)}. */
  public String signature() {
    return method.getSimpleName()
        + parameterTypes.stream().map(IrType::javaName).collect(Collectors.joining(", ", "(", ")"));
  }
}
