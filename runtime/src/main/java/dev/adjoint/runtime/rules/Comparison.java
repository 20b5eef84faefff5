package dev.adjoint.runtime.rules;

/** The comparisons a rule may branch on, through {@link Algebra#select}. */
public enum Comparison {
  /** {@code a > b}. */
  GREATER,
  /** {@code a == b}. */
  EQUAL
}
