package dev.adjoint.bench.engines;

import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.optim.Sgd;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

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

  /** The MLP step's 64 class labels in [0, 10), drawn from {@code gen}. */
  static Tensor mlpLabels(Generator gen) {
    long[] classes = new long[64];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = (long) Math.floor(gen.nextUniform(0, 10));
    }
    return Tensor.ofLongs(classes);
  }

  /**
   * One training step of the 784-512-10 MLP on a batch of 64, as a PyTorch user writes it:
   * zero_grad, relu(linear), linear, softmax cross-entropy, backward, SGD step.
   */
  public static final class MlpStep {
    private final Tensor x;
    private final Tensor labels;
    private final Linear hidden;
    private final Linear output;
    private final Sgd optimizer;

    public MlpStep(long seed) {
      Generator gen = new Generator(seed);
      x = Tensor.randn(64, 784);
      labels = mlpLabels(gen);
      hidden = new Linear(784, 512, gen);
      output = new Linear(512, 10, gen);
      List<Tensor> params = new ArrayList<>(hidden.parameters());
      params.addAll(output.parameters());
      optimizer = new Sgd(params, 0.01);
    }

    /** Runs one step and returns the loss before the update. */
    public double step() {
      optimizer.zeroGrad();
      Tensor loss = Losses.crossEntropy(output.forward(hidden.forward(x).relu()), labels);
      loss.backward();
      optimizer.step();
      return loss.item();
    }
  }
}
