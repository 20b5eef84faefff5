package dev.adjoint.bench.gpu;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU benchmark's classifier, {@code 784 → 4096 ReLU → 4096 ReLU → 10} with softmax
 * cross-entropy, as a model class: {@code WideMlpGrad.lossBackward} is its generated adjoint,
 * {@code loss(...).backward()} the tape's.
 */
public final class WideMlp {
  final Linear first;
  final Linear second;
  final Linear output;

  public WideMlp(int inputs, int hidden, int classes, Generator generator) {
    first = new Linear(inputs, hidden, generator);
    second = new Linear(hidden, hidden, generator);
    output = new Linear(hidden, classes, generator);
  }

  /** The mean cross-entropy of the class scores of {@code x} against {@code labels}. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor labels) {
    Tensor h = first.forward(x).relu();
    Tensor g = second.forward(h).relu();
    return Losses.crossEntropy(output.forward(g), labels);
  }

  /** Moves the layers to {@code device}. */
  public WideMlp to(Device device) {
    first.to(device);
    second.to(device);
    output.to(device);
    return this;
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(first.parameters());
    all.addAll(second.parameters());
    all.addAll(output.parameters());
    return all;
  }
}
