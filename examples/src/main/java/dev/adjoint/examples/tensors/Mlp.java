package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.autograd.GradMode;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-layer classifier, {@code in → hidden ReLU → classes}, trained with softmax cross-entropy: a
 * model class whose {@code @Differentiable} loss reads its layers' weights from fields. {@code
 * MlpGrad.lossBackward(model, x, labels)} adds the loss's gradient into each weight's {@code
 * .grad()}, as {@code model.loss(x, labels).backward()} does on the tape.
 */
public final class Mlp {
  final Linear hidden;
  final Linear output;

  /** Layers initialised as PyTorch's {@code nn.Linear}, from {@code generator}. */
  public Mlp(int inputs, int hiddenUnits, int classes, Generator generator) {
    this.hidden = new Linear(inputs, hiddenUnits, generator);
    this.output = new Linear(hiddenUnits, classes, generator);
  }

  /** The mean cross-entropy of the class scores of {@code x} against {@code labels}. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor labels) {
    Tensor h = hidden.forward(x).relu();
    return Losses.crossEntropy(output.forward(h), labels);
  }

  /** The class scores of {@code x}, one row per example (no gradient is recorded). */
  public Tensor scores(Tensor x) {
    try (GradMode.Scope scope = GradMode.noGrad()) {
      return output.forward(hidden.forward(x).relu());
    }
  }

  /** The weights and biases, in the order hidden weight, hidden bias, output weight, bias. */
  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(hidden.parameters());
    all.addAll(output.parameters());
    return all;
  }
}
