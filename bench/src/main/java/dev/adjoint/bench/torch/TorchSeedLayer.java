package dev.adjoint.bench.torch;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * REFERENCE.md R3: one linear layer and binary cross-entropy with logits, forward and backward:
 * {@code z = x @ w + b}, {@code x = ones(5)}, {@code y = zeros(3)}, {@code w} 5x3 and {@code b}
 * requiring grad.
 */
public final class TorchSeedLayer extends TorchWorkload {
  private final Tensor x;
  private final Tensor y;
  private final Tensor w;
  private final Tensor b;

  public TorchSeedLayer(long seed) {
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(seed);
      x = keep(torch.ones(5));
      y = keep(torch.zeros(new long[] {3}, new TensorOptions(torch.ScalarType.Float)));
      w = keep(torch.randn(5, 3).requires_grad_(true));
      b = keep(torch.randn(3).requires_grad_(true));
    }
  }

  /** Zeroes the gradients, runs forward and backward, returns the loss. */
  public float forwardBackward() {
    try (PointerScope scope = new PointerScope()) {
      zeroGrad(w);
      zeroGrad(b);
      Tensor z = x.matmul(w).add(b);
      Tensor loss = torch.binary_cross_entropy_with_logits(z, y);
      loss.backward();
      return loss.item_float();
    }
  }

  /** The weight gradient after {@link #forwardBackward()}, row-major 5x3. */
  public float[] weightGrad() {
    return toFloats(w.grad());
  }

  /** The bias gradient after {@link #forwardBackward()}. */
  public float[] biasGrad() {
    return toFloats(b.grad());
  }

  /** The weights, row-major 5x3. */
  public float[] weights() {
    return toFloats(w);
  }

  /** The bias, to check {@code b.grad = sigmoid(z) / 3}. */
  public float[] bias() {
    return toFloats(b);
  }
}
