package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;

/**
 * PyTorch's {@code nn.Flatten}: the dimensions from {@code startDim} (default 1, keeping the batch)
 * to the last folded into one: [N, C, H, W] becomes [N, C·H·W].
 */
public final class Flatten extends Module {
  private final int startDim;

  /** Keeps the batch dimension ({@code startDim} 1). */
  public Flatten() {
    this(1);
  }

  public Flatten(int startDim) {
    this.startDim = startDim;
  }

  public int startDim() {
    return startDim;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.flatten(startDim);
  }

  @Override
  public String toString() {
    return "Flatten(start_dim=" + startDim + ", end_dim=-1)";
  }
}
