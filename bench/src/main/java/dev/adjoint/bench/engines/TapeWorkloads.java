package dev.adjoint.bench.engines;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.Tensor;

/** The engine comparison's model code on Adjoint's dynamic tape, as PyTorch users write it. */
public final class TapeWorkloads {
  private TapeWorkloads() {}

  /** 5000 epochs of R4's gradient descent; returns the last loss. */
  public static double trainTemperature(Tensor tun, Tensor tc, int epochs) {
    Tensor w = Tensor.scalar(1).requiresGrad(true);
    Tensor b = Tensor.scalar(0).requiresGrad(true);
    double loss = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor l = tun.mul(w).add(b).sub(tc).pow(2).mean();
      l.backward();
      try (GradMode.Scope noGrad = GradMode.noGrad()) {
        w.subInPlace(w.grad().mul(1e-2));
        b.subInPlace(b.grad().mul(1e-2));
      }
      w.zeroGrad();
      b.zeroGrad();
      loss = l.item();
    }
    return loss;
  }

  /** R3 forward and backward: {@code z = x @ W + b}, BCE with logits, backward. */
  public static Tensor seedLayer(Tensor x, Tensor w, Tensor b, Tensor y) {
    w.zeroGrad();
    b.zeroGrad();
    Tensor loss = Losses.binaryCrossEntropyWithLogits(x.matmul(w).add(b), y);
    loss.backward();
    return loss;
  }

  /** Rosenbrock's gradient, vectorised over the tensor. */
  public static Tensor rosenbrock(Tensor x) {
    x.zeroGrad();
    int n = (int) x.numel();
    Tensor head = x.narrow(0, 0, n - 1);
    Tensor tail = x.narrow(0, 1, n - 1);
    Tensor a = tail.sub(head.mul(head));
    Tensor c = head.mul(-1).add(1);
    Tensor f = a.mul(a).mul(100).add(c.mul(c)).sum();
    f.backward();
    return f;
  }
}
