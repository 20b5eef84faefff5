package dev.adjoint.examples.scalar;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * REFERENCE.md R1: a line through one point, y = x·w + b, differentiated with respect to the weight
 * and the bias (PyTorch: w.grad = 5, b.grad = 1 at x = 5, w = 4, b = 2).
 */
public final class Line {
  private Line() {}

  /** The prediction {@code x·w + b}; x is data, so it gets no derivative. */
  @Differentiable
  public static double predict(@NoDerivative double x, double w, double b) {
    return x * w + b;
  }
}
