package dev.adjoint.processor.parse;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.DiagnosticException;
import dev.adjoint.processor.diag.DiagnosticId;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * What generated code can reach and how it names it. The generated class lives in the package of
 * the method being differentiated (the frame's {@link SourceContext#home}), also while a callee of
 * another package is written at a call.
 */
final class Reachability {
  private final Elements elements;
  private final CalleeLowerings lowerings;

  /**
   * @param lowerings told of every member a body reads, for the classes it depends on
   */
  Reachability(Elements elements, CalleeLowerings lowerings) {
    this.elements = elements;
    this.lowerings = lowerings;
  }

  /**
   * Fails with ADJ110 unless the generated class can name {@code member} (a field or method a body
   * reads): a member of the home package needs only not to be private (checked where it is read)
   * nor inside a private class; one of another package must be public, and so must every class
   * around it.
   */
  void require(Element member, Tree where, Frame frame) {
    lowerings.noteRead(member);
    PackageElement home = frame.source().home();
    PackageElement theirs = elements.getPackageOf(member);
    if (theirs.equals(home)) {
      for (Element e = member.getEnclosingElement();
          e instanceof TypeElement type;
          e = type.getEnclosingElement()) {
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
          throw new DiagnosticException(
              DiagnosticId.ADJ110,
              where,
              type.getSimpleName()
                  + " is a private class; the generated class, beside yours, cannot name it or"
                  + " what it holds: make "
                  + type.getSimpleName()
                  + " package-private");
        }
      }
      return;
    }
    for (Element e = member; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        throw new DiagnosticException(
            DiagnosticId.ADJ110,
            where,
            (e == member ? "" : member.getSimpleName() + ": ")
                + e.getSimpleName()
                + " is not public; the generated class, in package "
                + describe(home)
                + ", cannot reach it in package "
                + describe(theirs)
                + ": make it public");
      }
    }
  }

  /**
   * How generated code names {@code type}: a top-level class of {@code java.lang} or of the home
   * package by its simple name (nested classes by their path from there), others qualified.
   */
  String sourceName(TypeElement type, Frame frame) {
    PackageElement pkg = elements.getPackageOf(type);
    boolean topLevel = type.getEnclosingElement() instanceof PackageElement;
    if (topLevel && pkg.getQualifiedName().contentEquals("java.lang")) {
      return type.getSimpleName().toString();
    }
    if (!pkg.equals(frame.source().home()) || pkg.isUnnamed()) {
      return type.getQualifiedName().toString();
    }
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement outer;
        e = outer.getEnclosingElement()) {
      name.insert(0, outer.getSimpleName() + ".");
    }
    return name.toString();
  }

  private static String describe(PackageElement pkg) {
    return pkg.isUnnamed() ? "(unnamed)" : pkg.getQualifiedName().toString();
  }
}
