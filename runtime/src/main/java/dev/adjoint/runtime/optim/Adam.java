package dev.adjoint.runtime.optim;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba) with PyTorch's update, exactly; with {@code decoupled} weight decay it is
 * AdamW (see {@link AdamW}):
 *
 * <pre>
 * t ← t + 1
 * g ← ∇ + λ·p        (Adam's L2 weight decay)   or   p ← p·(1 − lr·λ)   (AdamW)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * v̂ ← max(v̂, v) with amsgrad, else v̂ = v
 * p ← p − lr/(1 − β₁ᵗ) · m / (√v̂/√(1 − β₂ᵗ) + ε)
 * </pre>
 */
public class Adam extends Optimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean amsgrad;
  private final boolean decoupled;
  private final double[][] m;
  private final double[][] v;
  private final double[][] vMax;
  private int step;

  /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public Adam(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8, 0, false);
  }

  public Adam(
      List<Tensor> params,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad) {
    this(params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
  }

  Adam(
      List<Tensor> params,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad,
      boolean decoupled) {
    super(params);
    if (lr < 0
        || eps < 0
        || weightDecay < 0
        || beta1 < 0
        || beta1 >= 1
        || beta2 < 0
        || beta2 >= 1) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + ": need lr, eps, weightDecay >= 0 and betas in [0, 1)");
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.amsgrad = amsgrad;
    this.decoupled = decoupled;
    int n = this.params.size();
    this.m = new double[n][];
    this.v = new double[n][];
    this.vMax = new double[n][];
  }

  /** How many steps have been taken. */
  public int steps() {
    return step;
  }

  @Override
  @SuppressWarnings("try") // the scope only restores grad mode on close
  public void step() {
    step++;
    double bias1 = 1 - Math.pow(beta1, step);
    double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    double stepSize = lr / bias1;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        Tensor grad = p.grad();
        if (grad == null) {
          continue;
        }
        int n = p.numel();
        if (m[i] == null) {
          m[i] = new double[n];
          v[i] = new double[n];
          vMax[i] = amsgrad ? new double[n] : null;
        }
        double[] g = grad.toArray();
        // a GPU parameter is updated in a host copy, written back in one transfer
        Tensor host = p.isCuda() ? p.cpu() : p;
        Storage ps = host.storage();
        int off = host.offset();
        // the moments live in the parameter's precision, as PyTorch keeps them
        boolean single = p.dtype() == dev.adjoint.runtime.tensor.DType.FLOAT32;
        for (int k = 0; k < n; k++) {
          double pk = ps.get(off + k);
          double gk = g[k];
          if (weightDecay != 0) {
            if (decoupled) {
              pk *= 1 - lr * weightDecay;
            } else {
              gk += weightDecay * pk;
            }
          }
          m[i][k] += (1 - beta1) * (gk - m[i][k]);
          v[i][k] = beta2 * v[i][k] + (1 - beta2) * gk * gk;
          if (single) {
            m[i][k] = (float) m[i][k];
            v[i][k] = (float) v[i][k];
          }
          double vk = v[i][k];
          if (amsgrad) {
            vMax[i][k] = Math.max(vMax[i][k], vk);
            vk = vMax[i][k];
          }
          ps.set(off + k, pk - stepSize * m[i][k] / (Math.sqrt(vk) / bias2Sqrt + eps));
        }
        if (host != p) {
          p.copyInPlace(host);
        } else {
          ps.bumpVersion();
        }
      }
    }
  }
}
