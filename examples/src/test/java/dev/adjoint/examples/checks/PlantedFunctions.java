package dev.adjoint.examples.checks;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.autograd.CustomFunction;
import dev.adjoint.runtime.tensor.Tensor;

/** A custom function with a backward planted wrong, used by a {@code @Differentiable} method. */
final class PlantedFunctions {
  private PlantedFunctions() {}

  /** Swish whose backward drops the (1 − σ) factor: σ·(1 + x) instead of σ·(1 + x·(1 − σ)). */
  static final class WrongSwish extends CustomFunction {
    public Tensor forward(Tensor x) {
      return x.mul(x.sigmoid());
    }

    public Tensor backward(Tensor grad, Tensor x) {
      Tensor s = x.sigmoid();
      return grad.mul(s.mul(x.add(1)));
    }
  }

  static final WrongSwish WRONG_SWISH = new WrongSwish();

  @Differentiable
  static Tensor activated(Tensor x, Tensor w) {
    return WRONG_SWISH.apply(x.mul(w)).sum();
  }
}
