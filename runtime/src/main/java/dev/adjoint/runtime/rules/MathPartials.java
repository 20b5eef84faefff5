package dev.adjoint.runtime.rules;

/**
 * Partial derivatives of the {@link Math} functions that are not elementwise primitives, called by
 * generated code with the function's own arguments. {@code Math.fma(a, b, c)} is {@code a·b + c}
 * rounded once: its partials are those of the exact product and sum. {@code Math.copySign(m, s)} is
 * {@code |m|} with the sign of {@code s}, and {@code Math.clamp(v, lo, hi)} is {@code v} held
 * within {@code [lo, hi]}; their partials are PyTorch's for {@code copysign} and {@code clamp} (at
 * a kink, the central difference's value where the two agree).
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

  /**
   * ∂ copySign(m, s) / ∂m: ±1, +1 where m and s have the same sign; 0 at m = 0, where |m| has its
   * kink (as {@code abs} has, and PyTorch's {@code copysign}).
   */
  public static double copySignDmagnitude(double m, double s) {
    return Math.signum(m) * Math.copySign(1.0, s);
  }

  /** ∂ copySign(m, s) / ∂s = 0: only the sign of s is read (PyTorch's gradient is zero too). */
  public static double copySignDsign(double m, double s) {
    return 0;
  }

  /** ∂ copySign(m, s) / ∂m, in float. */
  public static float copySignDmagnitude(float m, float s) {
    return Math.signum(m) * Math.copySign(1f, s);
  }

  /** ∂ copySign(m, s) / ∂s = 0, in float. */
  public static float copySignDsign(float m, float s) {
    return 0;
  }

  /** ∂ clamp(v, lo, hi) / ∂v: 1 where lo ≤ v ≤ hi, else 0 (PyTorch's {@code clamp}). */
  public static double clampDvalue(double v, double lo, double hi) {
    return v >= lo && v <= hi ? 1 : 0;
  }

  /** ∂ clamp(v, lo, hi) / ∂lo: 1 where v < lo (the result is lo), else 0. */
  public static double clampDmin(double v, double lo, double hi) {
    return v < lo ? 1 : 0;
  }

  /** ∂ clamp(v, lo, hi) / ∂hi: 1 where v > hi (the result is hi), else 0. */
  public static double clampDmax(double v, double lo, double hi) {
    return v > hi ? 1 : 0;
  }

  /** ∂ clamp(v, lo, hi) / ∂v, in float. */
  public static float clampDvalue(float v, float lo, float hi) {
    return v >= lo && v <= hi ? 1 : 0;
  }

  /** ∂ clamp(v, lo, hi) / ∂lo, in float. */
  public static float clampDmin(float v, float lo, float hi) {
    return v < lo ? 1 : 0;
  }

  /** ∂ clamp(v, lo, hi) / ∂hi, in float. */
  public static float clampDmax(float v, float lo, float hi) {
    return v > hi ? 1 : 0;
  }
}
