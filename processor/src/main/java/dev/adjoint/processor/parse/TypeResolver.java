package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
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
 * bodies are not attributed while annotation processors run, so nobody else does it for us. Names
 * are read as trees, part by part, never as text.
 */
final class TypeResolver {
  private static final String ON_DEMAND = "*";

  private final Elements elements;
  private final CompilationUnitTree unit;
  private final TypeElement enclosingClass;

  TypeResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosingClass) {
    this.elements = elements;
    this.unit = unit;
    this.enclosingClass = enclosingClass;
  }

  /**
   * The parts of a tree that is a (possibly qualified) name, {@code [java, lang, Math]}; empty for
   * any other tree.
   */
  static Optional<List<String>> parts(Tree tree) {
    if (tree instanceof IdentifierTree id) {
      List<String> parts = new ArrayList<>();
      parts.add(id.getName().toString());
      return Optional.of(parts);
    }
    if (tree instanceof MemberSelectTree select) {
      return parts(select.getExpression())
          .map(
              parts -> {
                parts.add(select.getIdentifier().toString());
                return parts;
              });
    }
    return Optional.empty();
  }

  /** The class a tree that is a name denotes in this compilation unit, if any. */
  Optional<TypeElement> resolve(Tree name) {
    return parts(name).flatMap(this::resolve);
  }

  /** The class a simple or qualified name denotes in this compilation unit, if any. */
  Optional<TypeElement> resolve(List<String> parts) {
    if (parts.size() == 1) {
      return resolveSimple(parts.get(0));
    }
    Optional<TypeElement> canonical = lookup(String.join(".", parts));
    if (canonical.isPresent()) {
      return canonical;
    }
    // Outer.Inner written through an import or the same package
    Optional<TypeElement> type = resolveSimple(parts.get(0));
    for (String member : parts.subList(1, parts.size())) {
      type = type.flatMap(t -> memberType(t, member));
    }
    return type;
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
      if (importedMember.equals(ON_DEMAND) || importedMember.equals(member)) {
        resolveQualified(select.getExpression()).ifPresent(owners::add);
      }
    }
    return owners;
  }

  private Optional<TypeElement> resolveSimple(String name) {
    // the enclosing classes and their member classes shadow imports
    for (Element scope = enclosingClass; scope instanceof TypeElement type; ) {
      if (type.getSimpleName().contentEquals(name)) {
        return Optional.of(type);
      }
      Optional<TypeElement> member = memberType(type, name);
      if (member.isPresent()) {
        return member;
      }
      scope = type.getEnclosingElement();
    }
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic()
          && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals(name)) {
        Optional<TypeElement> type = resolveQualified(select);
        if (type.isPresent()) {
          return type;
        }
      }
    }
    PackageElement pkg = elements.getPackageOf(enclosingClass);
    Optional<TypeElement> samePackage =
        lookup(pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name);
    if (samePackage.isPresent()) {
      return samePackage;
    }
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic()
          && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals(ON_DEMAND)) {
        Optional<List<String>> container = parts(select.getExpression());
        if (container.isPresent()) {
          List<String> qualified = new ArrayList<>(container.get());
          qualified.add(name);
          Optional<TypeElement> type = lookup(String.join(".", qualified));
          if (type.isPresent()) {
            return type;
          }
        }
      }
    }
    return lookup("java.lang." + name);
  }

  /** A name written out in full in an import: a class, or a member class of one. */
  private Optional<TypeElement> resolveQualified(Tree name) {
    return parts(name).flatMap(this::resolve);
  }

  private static Optional<TypeElement> memberType(TypeElement type, String name) {
    return ElementFilter.typesIn(type.getEnclosedElements()).stream()
        .filter(member -> member.getSimpleName().contentEquals(name))
        .findFirst();
  }

  private Optional<TypeElement> lookup(String canonicalName) {
    TypeElement type = elements.getTypeElement(canonicalName);
    if (type == null || type.getKind() == ElementKind.PACKAGE) {
      return Optional.empty();
    }
    return Optional.of(type);
  }
}
