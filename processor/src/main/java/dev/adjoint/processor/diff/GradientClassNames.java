package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.DifferentiableCallee;

/**
 * How a generated class writes the names of other classes: its own generated class needs no
 * qualifier, a class of its own package goes by its simple name, any other by its qualified name.
 *
 * @param ownGradientClass the qualified name of the class the adjoint goes into
 */
record GradientClassNames(String ownGradientClass) {
  /** The result record of {@code callee}'s generated pullback, as this class writes it. */
  String recordType(DifferentiableCallee callee) {
    return qualifier(callee) + callee.resultRecord();
  }

  /** How the generated class refers to the callee's generated class: not at all if it is itself. */
  String qualifier(DifferentiableCallee callee) {
    return callee.gradientClass().equals(ownGradientClass)
        ? ""
        : relative(callee.gradientClass()) + ".";
  }

  /** A class's name as the generated class, in its package, can write it. */
  String relative(String qualifiedClass) {
    int ownDot = ownGradientClass.lastIndexOf('.');
    String ownPackage = ownDot < 0 ? "" : ownGradientClass.substring(0, ownDot + 1);
    boolean samePackage =
        qualifiedClass.startsWith(ownPackage)
            && qualifiedClass.indexOf('.', ownPackage.length()) < 0;
    return samePackage ? qualifiedClass.substring(ownPackage.length()) : qualifiedClass;
  }
}
