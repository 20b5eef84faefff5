package dev.adjoint.processor.diff;

import dev.adjoint.processor.expr.JavaExpr;

/**
 * What a tensor adjoint's code refers to beyond its {@code $T} types, recorded from the trees the
 * sweeps write: whether it reads the tensor algebra's local, and whether its reverse sweep adds a
 * list element's gradient into its {@code .grad()} (which reads {@code reverseStart}); the tensor
 * method then declares what they read.
 */
final class TensorCodeReferences {
  private boolean algebra;
  private boolean elementGradients;

  /** After the reverse sweep writes {@code contribution} into a tensor adjoint. */
  void wroteContribution(JavaExpr contribution) {
    algebra |= contribution.reads(TensorSourceAlgebra.ALGEBRA);
  }

  /** After the reverse sweep adds a list element's parameter gradient into its {@code .grad()}. */
  void wroteElementGradient() {
    elementGradients = true;
  }

  /** Whether the reverse sweep adds gradients of list elements into their {@code .grad()}. */
  boolean accumulatesElementGradients() {
    return elementGradients;
  }

  /** Whether the code reads the local holding the tensor algebra. */
  boolean readsAlgebra() {
    return algebra;
  }
}
