package dev.adjoint.runtime.rules;

/**
 * Partial derivatives of the {@link Math} functions that are not elementwise primitives, called by
 * generated code with the function's own arguments. {@code Math.fma(a, b, c)} is {@code a·b + c}
 * rounded once: its partials are those of the exact product and sum.
 */
public final class MathPartials {
  private MathPartials() {}

  /** ∂ fma(a, b, c) / ∂a = b. */
  public static double fmaDa(double a, double b, double c) {
    return b;
  }

  /** ∂ fma(a, b, c) / ∂b = a. */
  public static double fmaDb(double a, double b, double c) {
    return a;
  }

  /** ∂ fma(a, b, c) / ∂c = 1. */
  public static double fmaDc(double a, double b, double c) {
    return 1;
  }

  /** ∂ fma(a, b, c) / ∂a = b, in float. */
  public static float fmaDa(float a, float b, float c) {
    return b;
  }

  /** ∂ fma(a, b, c) / ∂b = a, in float. */
  public static float fmaDb(float a, float b, float c) {
    return a;
  }

  /** ∂ fma(a, b, c) / ∂c = 1, in float. */
  public static float fmaDc(float a, float b, float c) {
    return 1;
  }
}
