package dev.adjoint.examples.custom;

import dev.adjoint.runtime.autograd.Adjoints;
import dev.adjoint.runtime.autograd.CustomFunction;
import dev.adjoint.runtime.rules.TensorAlgebra;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * {@code y = log(eᵃ + eᵇ)}, computed without overflow as {@code max + log(1 + e^−|a−b|)}: a custom
 * function of two tensors (broadcast together), whose backward returns one gradient per tensor:
 * {@code ∂y/∂a = e^(a−y)}, {@code ∂y/∂b = e^(b−y)}, each summed back to its operand's shape.
 */
public final class LogAddExp extends CustomFunction {
  /** The function; generated adjoints call it through this field. */
  public static final LogAddExp LOG_ADD_EXP = new LogAddExp();

  private LogAddExp() {}

  /** {@code log(eᵃ + eᵇ)}, elementwise with broadcasting. */
  public Tensor forward(Tensor a, Tensor b) {
    Tensor high = Tensor.where(a.gt(b), a, b);
    return high.add(a.sub(b).abs().neg().exp().log1p());
  }

  /** {@code [g·e^(a−y), g·e^(b−y)]}, each reduced to its operand's shape. */
  public Tensor[] backward(Tensor grad, Tensor a, Tensor b, Tensor result) {
    TensorAlgebra<Tensor> tensors = Adjoints.algebra();
    return new Tensor[] {
      tensors.sumToShapeOf(grad.mul(a.sub(result).exp()), a),
      tensors.sumToShapeOf(grad.mul(b.sub(result).exp()), b)
    };
  }
}
