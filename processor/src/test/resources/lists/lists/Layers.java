package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The runtime's layers in a list: the last without a bias. */
public final class Layers {
  final List<Linear> layers = new ArrayList<>();

  public Layers(int width, int depth, Generator gen) {
    for (int i = 0; i < depth; i++) {
      layers.add(new Linear(width, width, i < depth - 1, DType.FLOAT64, gen));
    }
  }

  @Differentiable
  public Tensor forward(Tensor x) {
    for (Linear l : layers) {
      x = l.forward(x).relu();
    }
    return x;
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x) {
    Tensor y = forward(x);
    return y.mul(y).mean();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    return all;
  }
}
