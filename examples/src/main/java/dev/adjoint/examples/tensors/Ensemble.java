package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A model made of two sub-models: its loss calls {@link TwoTowers#features} on each, and the
 * generated {@code EnsembleGrad.lossBackward} reaches their layers through its fields ({@code
 * self.first.left.weight()}), adding into every parameter's {@code .grad()} what {@code
 * loss.backward()} adds on the tape.
 */
public final class Ensemble {
  final TwoTowers first;
  final TwoTowers second;
  final Tensor blend;

  public Ensemble(int inputs, int outputs, Generator gen) {
    first = new TwoTowers(inputs, outputs, gen);
    second = new TwoTowers(inputs, outputs, gen);
    blend = Tensor.rand(gen, DType.FLOAT64, outputs).requiresGrad(true);
  }

  /** The squared error of the first model's features, scaled per output, plus the second's. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor target) {
    Tensor a = first.features(x);
    Tensor b = this.second.features(x.tanh());
    return Losses.mse(a.mul(blend).add(b), target);
  }

  /** Both sub-models' parameters, then {@code blend}. */
  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(first.parameters());
    all.addAll(second.parameters());
    all.add(blend);
    return all;
  }
}
