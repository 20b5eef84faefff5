package dev.adjoint.examples.generated;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * REFERENCE.md R3 with plain arrays: {@code z = x·W + b} (x of length n, W n×m row-major, b of
 * length m) and the mean binary cross-entropy with logits against targets y, in its numerically
 * stable form {@code max(z, 0) - z·y + log(1 + e^{-|z|})}.
 */
public final class OneLayerNetwork {
  private OneLayerNetwork() {}

  /** The loss; W and b are differentiated, the data are not. */
  @Differentiable(wrt = {"w", "b"})
  public static double loss(
      @NoDerivative double[] x, double[] w, double[] b, @NoDerivative double[] y) {
    int m = b.length;
    double total = 0;
    for (int j = 0; j < m; j++) {
      double z = b[j];
      for (int i = 0; i < x.length; i++) {
        z += x[i] * w[i * m + j];
      }
      total += Math.max(z, 0) - z * y[j] + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return total / m;
  }
}
