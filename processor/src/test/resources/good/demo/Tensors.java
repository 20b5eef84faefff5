package demo;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.Tensor;

/** Tensor code: a model class with layers and a tensor field, elementwise chains, a loop. */
public class Tensors {
  final Linear hidden;
  final Tensor scale;

  Tensors(Linear hidden, Tensor scale) {
    this.hidden = hidden;
    this.scale = scale;
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor target) {
    Tensor h = hidden.forward(x).tanh().mul(scale);
    return Losses.mse(h, target);
  }

  @Differentiable
  public static Tensor smooth(Tensor x, Tensor w) {
    Tensor u = x.mul(w).sigmoid().sub(x.exp().mul(0.5));
    return u.pow(2.0).sum(1).mean();
  }

  @Differentiable
  public static Tensor recurrence(Tensor x, Tensor w, @NoDerivative int steps) {
    Tensor h = x;
    for (int i = 0; i < steps; i++) {
      h = h.matmul(w).add(x).relu();
    }
    return h.sum();
  }

  @Differentiable
  public static Tensor centred(Tensor x) {
    Tensor mean;
    try (GradMode.Scope scope = GradMode.noGrad()) {
      mean = x.mean();
    }
    return x.sub(mean).tanh().sum();
  }

  /** h is dead once relu's step has run: its gradient is written over it. */
  @Differentiable
  public Tensor reluLayer(@NoDerivative Tensor x) {
    Tensor h = hidden.forward(x).relu();
    return h.mul(h).sum();
  }

  /** A view of h is read after relu's step (it is returned): h keeps its elements. */
  @Differentiable
  public Tensor reluLayerViewed(@NoDerivative Tensor x) {
    Tensor h = hidden.forward(x).relu();
    return h.t();
  }

  /** Log-softmax's result is read by the loss alone: its gradient is written over it. */
  @Differentiable
  public Tensor classify(@NoDerivative Tensor x, @NoDerivative Tensor labels) {
    return Losses.crossEntropy(hidden.forward(x), labels);
  }

  /**
   * Views, index tensors and a conversion: each rule runs in the runtime with the parameters the
   * tape records (negative dimensions and indices normalised).
   */
  @Differentiable
  public static Tensor parts(Tensor m, @NoDerivative Tensor index, @NoDerivative Tensor mask) {
    Tensor rows = m.permute(1, 0).narrow(0, 1, 2).select(-1, -1);
    Tensor picked =
        m.gather(1, index).maskedFill(mask, 0).to(dev.adjoint.runtime.tensor.DType.FLOAT32);
    return rows.sum().add(picked.mul(picked).sum().to(dev.adjoint.runtime.tensor.DType.FLOAT64));
  }

  /** Calls to the class's other tensor method: its body is differentiated at each call. */
  @Differentiable
  public static Tensor smoothTwice(Tensor x, Tensor w) {
    return smooth(x.mul(2), w).add(smooth(w, x));
  }
}
