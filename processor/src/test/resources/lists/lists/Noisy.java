package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.nn.Dropout;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/** A layer followed by dropout, its mask drawn from the block's own generator. */
public final class Noisy {
  final Layer layer;
  final Dropout drop;

  public Noisy(int width, long seed) {
    layer = new Layer(width, width, new Generator(seed));
    drop = new Dropout(0.5, new Generator(seed + 1));
  }

  @Differentiable
  public Tensor forward(Tensor x) {
    return drop.forward(layer.forward(x).tanh());
  }

  public List<Tensor> parameters() {
    return layer.parameters();
  }
}
