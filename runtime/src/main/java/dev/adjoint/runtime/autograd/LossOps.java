package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.backend.Backends;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.Arrays;

/**
 * The differentiable losses that {@code nn.Losses} offers: mean squared error, binary cross-entropy
 * with logits, negative log-likelihood and cross-entropy, each checking its operands' shapes and
 * types and naming them in its errors.
 */
public final class LossOps {
  private LossOps() {}

  public static Tensor mseLoss(Tensor input, Tensor target) {
    checkSameShape("mseLoss", input, target);
    Tensor d =
        Backends.current()
            .binary(ElementwiseOp.SUBTRACT, input, target, Ops.resultType(input, target));
    Tensor sq = Backends.current().binary(ElementwiseOp.MULTIPLY, d, d, d.dtype());
    Tensor y =
        Backends.current()
            .binary(
                ElementwiseOp.DIVIDE,
                Backends.current()
                    .sum(sq, Shape.normalizeDims("mseLoss", new int[0], sq.dim()), false),
                Tensor.wrappedNumber(Math.max(1, sq.numel())),
                sq.dtype());
    return Ops.record(TensorOp.MSE_LOSS, OpParams.none(), y, input, target);
  }

  /**
   * Mean binary cross-entropy of {@code sigmoid(logits)} against {@code target}, in the stable form
   * {@code max(x, 0) - x·t + log(1 + e^-|x|)} (no overflow for any x).
   */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
    checkSameShape("binaryCrossEntropyWithLogits", logits, target);
    double[] x = logits.toArray();
    double[] t = target.toArray();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
    }
    Tensor y =
        Tensor.scalar(Ops.resultType(logits, target), sum / Math.max(1, x.length))
            .to(logits.device());
    return Ops.record(TensorOp.BCE_WITH_LOGITS, OpParams.none(), y, logits, target);
  }

  /** Mean negative log-likelihood of {@code target} classes under {@code logProbabilities}. */
  public static Tensor nllLoss(Tensor logProbabilities, Tensor target) {
    ShapeOps.checkIndexType("nllLoss", target);
    if (logProbabilities.dim() != 2
        || target.dim() != 1
        || target.size(0) != logProbabilities.size(0)) {
      throw new IllegalArgumentException(
          "nllLoss: input of shape "
              + Shape.format(logProbabilities.shape())
              + " and target of shape "
              + Shape.format(target.shape())
              + " must be [N, C] and [N]");
    }
    Tensor picked = Backends.current().gather(logProbabilities, 1, Views.unsqueeze(target, 1));
    Tensor y;
    if (logProbabilities.isCuda()) {
      // on the device, without waiting for it: the sum is a kernel's (in double, then rounded)
      Tensor sum = Backends.current().sum(picked, new int[] {0, 1}, false);
      Tensor count = Tensor.wrappedNumber(-Math.max(1, target.numel()));
      y = Backends.current().binary(ElementwiseOp.DIVIDE, sum, count, logProbabilities.dtype());
    } else {
      double sum = 0;
      for (double v : picked.toArray()) {
        sum += v;
      }
      y = Tensor.scalar(logProbabilities.dtype(), -sum / Math.max(1, target.numel()));
    }
    return Ops.record(TensorOp.NLL_LOSS, OpParams.none(), y, logProbabilities, target);
  }

  /** Cross-entropy of class {@code target}s under {@code logits} [N, C]: log-softmax, then NLL. */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return nllLoss(Ops.softmax(logits, 1, true), target);
  }

  private static void checkSameShape(String op, Tensor a, Tensor b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          op
              + ": input of shape "
              + Shape.format(a.shape())
              + " and target of shape "
              + Shape.format(b.shape())
              + " differ");
    }
  }
}
