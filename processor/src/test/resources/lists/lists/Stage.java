package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of what was a {@code List<List<Layer>>}: the fix ADJ102 gives for a list of lists,
 * a sub-model looping over its own lists (of the user's layers and of the runtime's).
 */
public final class Stage {
  final List<Layer> blocks = new ArrayList<>();
  final List<Linear> mixers = new ArrayList<>();

  public Stage(int width, int depth, Generator gen) {
    for (int i = 0; i < depth; i++) {
      blocks.add(new Layer(width, width, gen));
      mixers.add(new Linear(width, width, true, DType.FLOAT64, gen));
    }
  }

  @Differentiable
  public Tensor forward(Tensor x) {
    for (Layer b : blocks) {
      x = b.forward(x).tanh();
    }
    for (Linear m : mixers) {
      x = x.add(m.forward(x).sigmoid());
    }
    return x;
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    blocks.forEach(b -> all.addAll(b.parameters()));
    mixers.forEach(m -> all.addAll(m.parameters()));
    return all;
  }
}
