package dev.adjoint.bench.engines;

import dev.adjoint.examples.generated.TemperatureGrad;
import dev.adjoint.examples.tensors.Mlp;
import dev.adjoint.examples.tensors.MlpGrad;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

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

  /**
   * The MLP training step (batch 64, 784 → 512 ReLU → 10, cross-entropy, SGD) with the examples'
   * {@code Mlp} model and its generated {@code lossBackward}: the same model code the tape runs
   * ({@code model.loss(x, labels).backward()}), the same initialisation and the same optimizer.
   */
  public static final class MlpStep {
    private final Tensor x;
    private final Tensor labels;
    private final Mlp model;
    private final Sgd optimizer;

    public MlpStep(long seed) {
      Generator gen = new Generator(seed);
      x = Tensor.randn(64, 784);
      labels = TapeWorkloads.mlpLabels(gen);
      model = new Mlp(784, 512, 10, gen);
      optimizer = new Sgd(model.parameters(), 0.01);
    }

    /** Runs one step and returns the loss before the update. */
    public double step() {
      optimizer.zeroGrad();
      Tensor loss = MlpGrad.lossBackward(model, x, labels);
      optimizer.step();
      return loss.item();
    }
  }
}
