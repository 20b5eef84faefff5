package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;

/** PyTorch's {@code nn.ReLU}: {@code max(x, 0)} elementwise; no parameters. */
public final class ReLU extends Module {
  @Override
  public Tensor forward(Tensor input) {
    return input.relu();
  }

  @Override
  public String toString() {
    return "ReLU()";
  }
}
