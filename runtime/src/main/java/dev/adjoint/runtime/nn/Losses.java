package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.autograd.LossOps;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * The loss functions, each the mean over elements (PyTorch's default reduction) in its numerically
 * stable form, each one node on the tape.
 */
public final class Losses {
  private Losses() {}

  /** {@code mean((input − target)²)}. */
  public static Tensor mse(Tensor input, Tensor target) {
    return LossOps.mseLoss(input, target);
  }

  /** Binary cross-entropy of {@code sigmoid(logits)}, without overflow for large logits. */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
    return LossOps.binaryCrossEntropyWithLogits(logits, target);
  }

  /** Cross-entropy of class indices {@code target} [N] (int64) under {@code logits} [N, C]. */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return LossOps.crossEntropy(logits, target);
  }

  /** Negative log-likelihood of class indices under log-probabilities [N, C]. */
  public static Tensor nll(Tensor logProbabilities, Tensor target) {
    return LossOps.nllLoss(logProbabilities, target);
  }
}
