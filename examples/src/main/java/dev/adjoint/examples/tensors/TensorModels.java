package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.Tensor;

/** REFERENCE.md R2–R5 as tensor code, one {@code @Differentiable} method each. */
public final class TensorModels {
  private TensorModels() {}

  /** R2: {@code Q = 3a³ − b²}, a vector result (its backward takes a seed). */
  @Differentiable
  public static Tensor q(Tensor a, Tensor b) {
    return a.pow(3).mul(3).sub(b.pow(2));
  }

  /** R3: one layer, {@code z = x·w + b}, and binary cross-entropy with logits against y. */
  @Differentiable
  public static Tensor seedLayer(
      @NoDerivative Tensor x, Tensor w, Tensor b, @NoDerivative Tensor y) {
    Tensor z = x.matmul(w).add(b);
    return Losses.binaryCrossEntropyWithLogits(z, y);
  }

  /** R4: the linear temperature model {@code w·t_u + b} and its mean squared error. */
  @Differentiable
  public static Tensor temperature(
      Tensor w, Tensor b, @NoDerivative Tensor tU, @NoDerivative Tensor tC) {
    Tensor tP = tU.mul(w).add(b);
    return tP.sub(tC).pow(2).mean();
  }

  /** R5: the line fit's loss, {@code mean((x·w + b − y)²)}. */
  @Differentiable
  public static Tensor lineFit(Tensor w, Tensor b, @NoDerivative Tensor x, @NoDerivative Tensor y) {
    return x.mul(w).add(b).sub(y).pow(2).mean();
  }

  /**
   * Two ReLU layers sharing their weights, one of them read again: the generated forward sweep
   * writes a bias and a ReLU over the temporaries they consume ({@code Adjoints.addOver}, {@code
   * reluOver}), never over {@code z}, which the product below reads.
   */
  @Differentiable
  public static Tensor sharedRelu(Tensor x, Tensor w, Tensor b) {
    Tensor z = x.matmul(w);
    Tensor h = z.add(b).relu();
    return h.mul(z).add(x.matmul(w).add(b).relu()).sum();
  }
}
