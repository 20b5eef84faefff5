package dev.adjoint.bench.engines;

import dev.adjoint.examples.generated.TemperatureGrad;

/**
 * The engine comparison's training loop for the generated engine. The model code itself is the
 * examples' ({@code Temperature}, {@code OneLayerNetwork}) and the Rosenbrock benchmark's, so that
 * every engine runs the same functions.
 */
public final class GeneratedWorkloads {
  private GeneratedWorkloads() {}

  /** {@code epochs} of R4's gradient descent on the generated adjoint; returns the last loss. */
  public static float trainTemperature(float[] tun, float[] tc, int epochs) {
    float w = 1f;
    float b = 0f;
    double[] gradient = new double[2];
    float loss = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      gradient[0] = 0;
      gradient[1] = 0;
      loss = TemperatureGrad.loss(w, b, tun, tc, 1f, gradient);
      w -= 1e-2f * (float) gradient[0];
      b -= 1e-2f * (float) gradient[1];
    }
    return loss;
  }
}
