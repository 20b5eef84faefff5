package dev.adjoint.runtime.optim;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): the parameters shrink by {@code lr·λ}
 * each step instead of the decay entering the gradient's moments. PyTorch's defaults: betas (0.9,
 * 0.999), eps 1e-8, weight decay 1e-2.
 */
public final class AdamW extends Adam {
  public AdamW(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 1e-2, false);
  }

  public AdamW(
      List<Tensor> params,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad) {
    super(params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
  }
}
