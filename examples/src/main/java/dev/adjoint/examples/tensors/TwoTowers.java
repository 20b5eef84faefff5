package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.examples.nn.Activations;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A model whose loss calls its other {@code @Differentiable} method twice, which calls one of
 * {@link Activations} (another package): a call to a tensor method is differentiated as if the
 * callee's body were written at the call, so {@code TwoTowersGrad.lossBackward} adds into the
 * layers' and {@code mix}'s {@code .grad()} what {@code model.loss(x, target).backward()} adds on
 * the tape.
 */
public final class TwoTowers {
  final Linear left;
  final Linear right;
  final Tensor mix;

  /**
   * Layers {@code inputs → outputs} in float64, and a mixing weight per output, from {@code gen}.
   */
  public TwoTowers(int inputs, int outputs, Generator gen) {
    left = new Linear(inputs, outputs, true, DType.FLOAT64, gen);
    right = new Linear(inputs, outputs, true, DType.FLOAT64, gen);
    mix = Tensor.rand(gen, DType.FLOAT64, outputs).requiresGrad(true);
  }

  /**
   * swish of one layer ({@link Activations}, another package), mixed per output, plus relu of the
   * other.
   */
  @Differentiable
  public Tensor features(@NoDerivative Tensor x) {
    Tensor a = Activations.swish(left.forward(x));
    Tensor b = right.forward(x).relu();
    return a.mul(mix).add(b);
  }

  /** The mean squared error of the features of x and of x/2, summed, against {@code target}. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor target) {
    Tensor a = features(x); // 'a' is also a local of features: each body has its own scope
    return Losses.mse(a.add(features(x.mul(0.5))), target);
  }

  /** The trainable tensors: both layers' weights and biases, then {@code mix}. */
  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(left.parameters());
    all.addAll(right.parameters());
    all.add(mix);
    return all;
  }
}
