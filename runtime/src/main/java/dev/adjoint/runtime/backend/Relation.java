package dev.adjoint.runtime.backend;

/** The comparisons kernels evaluate; {@code <} and {@code <=} swap the operands. */
public enum Relation {
  GREATER,
  GREATER_OR_EQUAL,
  EQUAL
}
