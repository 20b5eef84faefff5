package dev.adjoint.bench.engines;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * The engine comparison's model code for the generated engine: the same functions the tape and
 * libtorch compute, written as plain Java loops and differentiated at build time.
 */
public final class GeneratedWorkloads {
  private GeneratedWorkloads() {}

  /** R4's loss, float32: {@code mean((w·t_u + b - t_c)²)}. */
  @Differentiable(wrt = {"w", "b"})
  public static float temperatureLoss(float w, float b, float[] tu, float[] tc) {
    float total = 0;
    for (int i = 0; i < tu.length; i++) {
      float error = w * tu[i] + b - tc[i];
      total += error * error;
    }
    return total / tu.length;
  }

  /** R3's loss: one layer {@code z = x·W + b} and the mean BCE with logits against y. */
  @Differentiable(wrt = {"w", "b"})
  public static double seedLayerLoss(
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

  /** Rosenbrock's function, a loop over an array. */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
    }
    return f;
  }

  /** 5000 epochs of R4's gradient descent on the generated adjoint; returns the last loss. */
  public static float trainTemperature(float[] tun, float[] tc, int epochs) {
    float w = 1f;
    float b = 0f;
    double[] gradient = new double[2];
    float loss = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      gradient[0] = 0;
      gradient[1] = 0;
      loss = GeneratedWorkloadsGrad.temperatureLoss(w, b, tun, tc, 1f, gradient);
      w -= 1e-2f * (float) gradient[0];
      b -= 1e-2f * (float) gradient[1];
    }
    return loss;
  }
}
