package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The stages of a list of lists, each in its own field, called in turn. */
public final class Deep {
  final Stage first;
  final Stage second;

  public Deep(int width, Generator gen) {
    first = new Stage(width, 2, gen);
    second = new Stage(width, 3, gen);
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x) {
    Tensor h = first.forward(x);
    h = second.forward(h);
    return h.mul(h).sum();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>(first.parameters());
    all.addAll(second.parameters());
    return all;
  }
}
