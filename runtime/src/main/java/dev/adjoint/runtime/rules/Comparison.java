package dev.adjoint.runtime.rules;

/** The comparisons a rule may branch on, through {@link Algebra#select}. */
public enum Comparison {
  /** {@code a > b}. */
  GREATER,
  /** {@code a == b}. */
  EQUAL;

  /** Whether {@code a} and {@code b} compare this way. */
  public boolean holds(double a, double b) {
    return switch (this) {
      case GREATER -> a > b;
      case EQUAL -> a == b;
    };
  }
}
