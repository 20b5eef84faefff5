package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import dev.adjoint.annotations.Differentiable;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The names of generated code, decided in one place: the processor writing a class and a caller in
 * another class referring to it must agree.
 *
 * <ul>
 *   <li>{@code com.acme.Physics} → {@code com.acme.PhysicsGrad}; a nested {@code Outer.Inner} →
 *       {@code Outer_InnerGrad}, in the same package.
 *   <li>method {@code energy} → record {@code EnergyGradient}; a second {@code @Differentiable}
 *       overload of the same name (in source order) → {@code EnergyGradient2}, and so on.
 * </ul>
 */
public final class GeneratedNames {
  private GeneratedNames() {}

  /** The package of the generated class for {@code type} (empty for the unnamed package). */
  public static String packageOf(TypeElement type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    PackageElement pkg = (PackageElement) e;
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }

  /** The simple name of the generated class for {@code type}. */
  public static String gradientClass(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement outer;
        e = outer.getEnclosingElement()) {
      name.insert(0, outer.getSimpleName() + "_");
    }
    return name.append("Grad").toString();
  }

  /** The qualified name of the generated class for {@code type}. */
  public static String qualifiedGradientClass(TypeElement type) {
    return gradientClassName(type).canonicalName();
  }

  /**
   * The generated class for {@code type}, its package and simple name known apart (never guessed
   * from the spelling: a package may have a capitalised segment, a class a lower-case name).
   */
  public static ClassName gradientClassName(TypeElement type) {
    return ClassName.get(packageOf(type), gradientClass(type));
  }

  /** The simple name of the value-and-partials record of {@code method}. */
  public static String resultRecord(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    List<ExecutableElement> sameName =
        ElementFilter.methodsIn(method.getEnclosingElement().getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .filter(m -> m.getAnnotation(Differentiable.class) != null)
            .toList();
    int index = sameName.indexOf(method);
    String base = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Gradient";
    return index > 0 ? base + (index + 1) : base;
  }
}
