package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A model whose parameters are all in the elements of a list: it has no tensor field itself. */
public final class Stack {
  final List<Layer> layers = new ArrayList<>();

  public Stack(int width, int depth, Generator gen) {
    for (int i = 0; i < depth; i++) {
      layers.add(new Layer(width, width, gen));
    }
  }

  /** The input is differentiated too. */
  @Differentiable
  public Tensor forward(Tensor x) {
    for (Layer l : layers) {
      x = l.forward(x).tanh();
    }
    return x;
  }

  /** Only the layers' parameters are differentiated. */
  @Differentiable
  public Tensor loss(@NoDerivative Tensor x) {
    Tensor h = x;
    for (Layer l : layers) {
      h = l.forward(h).relu();
    }
    return h.mul(h).sum();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    return all;
  }
}
