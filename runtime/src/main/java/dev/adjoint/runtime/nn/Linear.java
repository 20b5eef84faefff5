package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * {@code y = x·Wᵀ + b} with {@code W} of shape [out, in], initialised as PyTorch does: W by Kaiming
 * uniform with a = √5, which is U(−1/√in, 1/√in), and b by U(−1/√in, 1/√in).
 */
public final class Linear extends Module {
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with a bias, initialised from {@code generator}. */
  public Linear(int inFeatures, int outFeatures, Generator generator) {
    this(inFeatures, outFeatures, true, DType.FLOAT32, generator);
  }

  public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Generator generator) {
    if (inFeatures <= 0 || outFeatures <= 0) {
      throw new IllegalArgumentException(
          "Linear: sizes must be positive, got " + inFeatures + " -> " + outFeatures);
    }
    // kaiming_uniform(a = √5) over fan_in: U(±1/√in); the bias U(±1/√in)
    this.weight =
        registerParameter(
            "weight",
            Init.kaimingUniform(
                Tensor.zeros(dtype, outFeatures, inFeatures),
                Math.sqrt(5),
                Init.FanMode.FAN_IN,
                generator));
    double biasBound = 1 / Math.sqrt(inFeatures);
    this.bias =
        bias
            ? registerParameter(
                "bias",
                Init.uniform(Tensor.zeros(dtype, outFeatures), -biasBound, biasBound, generator))
            : null;
  }

  public Tensor weight() {
    return weight;
  }

  /** The bias, or {@code null} for a layer without one. */
  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor input) {
    Tensor y = input.matmul(weight.t());
    return bias == null ? y : y.add(bias);
  }
}
