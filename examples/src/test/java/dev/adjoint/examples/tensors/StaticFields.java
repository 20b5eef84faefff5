package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Tensors held in static fields of a class: {@code DATA} does not require grad (a constant), {@code
 * SHIFT} does, so the tape gives it a gradient and the generated method must too. Kept in the tests
 * because a static tensor that requires grad is state the tests reset.
 */
final class StaticFields {
  private StaticFields() {}

  static final Tensor DATA = Tensor.randn(new Generator(8), DType.FLOAT64, 4);
  static final Tensor SHIFT = Tensor.randn(new Generator(9), DType.FLOAT64, 4).requiresGrad(true);

  /** Σ (x − SHIFT)²·DATA: ∂/∂x = 2(x − SHIFT)·DATA, ∂/∂SHIFT = −2(x − SHIFT)·DATA. */
  @Differentiable
  static Tensor shifted(Tensor x) {
    return x.sub(SHIFT).pow(2).mul(DATA).sum();
  }
}
