package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Sub-models and the runtime's layers in arrays rather than lists. */
public final class Arrayed {
  final Layer[] blocks;
  final Linear[] heads;

  public Arrayed(int width, Generator gen) {
    blocks = new Layer[] {new Layer(width, width, gen), new Layer(width, width, gen)};
    heads = new Linear[] {new Linear(width, width, true, DType.FLOAT64, gen)};
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x) {
    for (Layer b : blocks) {
      x = b.forward(x).relu();
    }
    for (Linear h : heads) {
      x = h.forward(x).tanh();
    }
    return x.mul(x).mean();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    for (Layer b : blocks) {
      all.addAll(b.parameters());
    }
    for (Linear h : heads) {
      all.addAll(h.parameters());
    }
    return all;
  }
}
