package dev.adjoint.examples.generated;

import dev.adjoint.annotations.Differentiable;

/**
 * REFERENCE.md R4 ("Deep Learning with PyTorch"): the linear model {@code t_p = w·t_u + b} and its
 * mean squared error, written as a plain loop over float32 data, as a Java engineer would.
 */
public final class Temperature {
  /** Temperatures in Celsius. */
  public static final float[] T_C = {
    0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f
  };

  /** The same temperatures in the unknown units. */
  public static final float[] T_U = {
    35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f
  };

  private Temperature() {}

  /** {@code mean((w·t_u + b - t_c)²)}; the data get no derivative, only the parameters. */
  @Differentiable(wrt = {"w", "b"})
  public static float loss(float w, float b, float[] tu, float[] tc) {
    float total = 0;
    for (int i = 0; i < tu.length; i++) {
      float error = w * tu[i] + b - tc[i];
      total += error * error;
    }
    return total / tu.length;
  }
}
