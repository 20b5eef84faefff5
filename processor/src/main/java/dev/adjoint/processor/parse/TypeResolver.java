package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a method body uses the way javac would, from the compilation unit's imports:
 * bodies are not attributed while annotation processors run, so nobody else does it for us.
 */
final class TypeResolver {
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final TypeElement enclosingClass;

  TypeResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosingClass) {
    this.elements = elements;
    this.unit = unit;
    this.enclosingClass = enclosingClass;
  }

  /** The class a simple or qualified name denotes in this compilation unit, if any. */
  Optional<TypeElement> resolveType(String name) {
    if (name.contains(".")) {
      return resolveQualified(name);
    }
    // the enclosing classes and their member classes shadow imports
    for (Element scope = enclosingClass; scope instanceof TypeElement type; ) {
      if (type.getSimpleName().contentEquals(name)) {
        return Optional.of(type);
      }
      for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
        if (member.getSimpleName().contentEquals(name)) {
          return Optional.of(member);
        }
      }
      scope = type.getEnclosingElement();
    }
    for (ImportTree imp : unit.getImports()) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && imported.endsWith("." + name)) {
        Optional<TypeElement> type = resolveQualified(imported);
        if (type.isPresent()) {
          return type;
        }
      }
    }
    Optional<TypeElement> samePackage = lookup(packageName() + name);
    if (samePackage.isPresent()) {
      return samePackage;
    }
    for (ImportTree imp : unit.getImports()) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && imported.endsWith(".*")) {
        Optional<TypeElement> type = lookup(imported.substring(0, imported.length() - 1) + name);
        if (type.isPresent()) {
          return type;
        }
      }
    }
    return lookup("java.lang." + name);
  }

  /**
   * The classes whose static member {@code member} is imported by a static import (single or
   * on-demand), in import order.
   */
  List<TypeElement> staticImportsOf(String member) {
    List<TypeElement> owners = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree select)) {
        continue;
      }
      String importedMember = select.getIdentifier().toString();
      if (importedMember.equals("*") || importedMember.equals(member)) {
        resolveQualified(select.getExpression().toString()).ifPresent(owners::add);
      }
    }
    return owners;
  }

  /** The name of a tree that is a (possibly qualified) name, else empty. */
  static Optional<String> nameOf(Tree tree) {
    return switch (tree.getKind()) {
      case IDENTIFIER, MEMBER_SELECT -> Optional.of(tree.toString());
      default -> Optional.empty();
    };
  }

  String packageName() {
    PackageElement pkg = elements.getPackageOf(enclosingClass);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
  }

  private Optional<TypeElement> resolveQualified(String name) {
    Optional<TypeElement> direct = lookup(name);
    if (direct.isPresent()) {
      return direct;
    }
    // Outer.Inner written through an import or the same package
    int dot = name.indexOf('.');
    if (dot > 0) {
      Optional<TypeElement> outer = resolveType(name.substring(0, dot));
      if (outer.isPresent()) {
        return lookup(outer.get().getQualifiedName() + name.substring(dot));
      }
    }
    return Optional.empty();
  }

  private Optional<TypeElement> lookup(String qualifiedName) {
    TypeElement type = elements.getTypeElement(qualifiedName);
    if (type == null || type.getKind() == ElementKind.PACKAGE) {
      return Optional.empty();
    }
    return Optional.of(type);
  }
}
