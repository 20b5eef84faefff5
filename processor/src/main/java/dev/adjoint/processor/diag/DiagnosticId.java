package dev.adjoint.processor.diag;

/**
 * Every error the processor reports, with its stable id. {@code docs/diagnostics.md} has an example
 * and the fix for each; ids are never reused.
 */
public enum DiagnosticId {
  /** The processor itself failed; a bug to report, never the user's fault. */
  ADJ100,
  /** A statement the processor does not differentiate. */
  ADJ101,
  /** An expression the processor does not differentiate. */
  ADJ102,
  /**
   * A call to a method with no derivative rule, no {@code @Differentiable}, no {@code @Derivative}.
   */
  ADJ103,
  /** A piecewise-constant function (floor, a cast to int, ...) on a gradient path. */
  ADJ104,
  /** A write to a field. */
  ADJ105,
  /** A type the processor does not handle. */
  ADJ106,
  /** A malformed {@code @Differentiable} declaration. */
  ADJ107,
  /** A malformed {@code @Derivative} declaration. */
  ADJ108,
  /** A differentiated value passed where the callee has no derivative. */
  ADJ109,
  /** A private member that generated code, living in another class, cannot reach. */
  ADJ110,
  /** A name the processor cannot resolve. */
  ADJ111,
  /** A write to an input array. */
  ADJ112,
  /** Tensor code outside the supported subset: an operation without a rule, a misuse. */
  ADJ113,
  /**
   * A misused custom function: a {@code forward}/{@code backward} pair that does not match, or a
   * call that does not match its {@code forward}.
   */
  ADJ114,
  /**
   * One top-level statement (a long loop) whose adjoint alone is too long for a method of the JVM,
   * even once the sweeps are split into methods.
   */
  ADJ115;

  /** {@code [ADJ104]}, the prefix every message starts with. */
  public String tag() {
    return "[" + name() + "]";
  }
}
