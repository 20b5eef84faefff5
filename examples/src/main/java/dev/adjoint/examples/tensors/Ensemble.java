package dev.adjoint.examples.tensors;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.examples.nn.Residual;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A model made of sub-models: its loss calls {@link TwoTowers#features} on two and a {@link
 * Residual} block of another package on their mix, and the generated {@code
 * EnsembleGrad.lossBackward} reaches their layers through its fields ({@code
 * self.first.left.weight()}), adding into every parameter's {@code .grad()} what {@code
 * loss.backward()} adds on the tape.
 */
public final class Ensemble {
  final TwoTowers first;
  final TwoTowers second;
  final Residual refine;
  final Tensor blend;

  public Ensemble(int inputs, int outputs, Generator gen) {
    first = new TwoTowers(inputs, outputs, gen);
    second = new TwoTowers(inputs, outputs, gen);
    refine = new Residual(outputs, gen);
    blend = Tensor.rand(gen, DType.FLOAT64, outputs).requiresGrad(true);
  }

  /**
   * The squared error of the first model's features, scaled per output, plus the second's, passed
   * through a residual block (a sub-model of another package).
   */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, @NoDerivative Tensor target) {
    Tensor a = first.features(x);
    Tensor b = this.second.features(x.tanh());
    return Losses.mse(refine.apply(a.mul(blend).add(b)), target);
  }

  /** The two models' parameters, the residual block's, then {@code blend}. */
  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(first.parameters());
    all.addAll(second.parameters());
    all.addAll(refine.layer.parameters());
    all.add(blend);
    return all;
  }
}
