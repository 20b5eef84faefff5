package dev.adjoint.examples.custom;

import static dev.adjoint.examples.custom.LogAddExp.LOG_ADD_EXP;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier built on custom functions, {@code in → hidden Swish → classes, soft-clipped}: the
 * same {@code loss} runs on the tape (each custom function one node) and through the generated
 * {@code SwishNetGrad.lossBackward}, which calls the functions' own backward methods.
 */
public final class SwishNet {
  final Linear hidden;
  final Linear output;

  /** Layers of {@code dtype} initialised as PyTorch's {@code nn.Linear}, from {@code generator}. */
  public SwishNet(int inputs, int hiddenUnits, int classes, DType dtype, Generator generator) {
    this.hidden = new Linear(inputs, hiddenUnits, true, dtype, generator);
    this.output = new Linear(hiddenUnits, classes, true, dtype, generator);
  }

  /** The mean cross-entropy of the clipped class scores of {@code x} against {@code labels}. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor labels) {
    Tensor h = Swish.SWISH.apply(hidden.forward(x));
    Tensor scores = SoftClip.SOFT_CLIP.apply(output.forward(h), 4.0);
    return Losses.crossEntropy(scores, labels);
  }

  /** A smooth maximum of two tensors, broadcast, times a weight: two operands of one function. */
  @Differentiable
  public static Tensor smoothMax(Tensor a, Tensor b, Tensor w) {
    Tensor m = LOG_ADD_EXP.apply(a.mul(w), b);
    return Swish.SWISH.apply(m).sum();
  }

  /** The weights and biases, in the order hidden weight, hidden bias, output weight, bias. */
  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(hidden.parameters());
    all.addAll(output.parameters());
    return all;
  }
}
