package dev.adjoint.runtime.backend;

/**
 * Elementwise functions that are tensor-level primitives rather than {@code Math} methods; each
 * takes up to two constant parameters.
 */
public enum Pointwise {
  /** {@code 1/(1 + e^-x)}, computed without overflow on either side. */
  SIGMOID,
  /** {@code max(x, 0)}. */
  RELU,
  /** {@code log(1 + e^(βx))/β}, and {@code x} where {@code βx > threshold}; params β, threshold. */
  SOFTPLUS,
  /** {@code min(max(x, lo), hi)}; params lo, hi. */
  CLAMP
}
