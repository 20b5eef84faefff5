package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A tensor method taking a record of settings: constants read through its components. */
public final class Configured {
  record Settings(double slope, double scale, int skipped) {}

  final List<Layer> layers = new ArrayList<>();

  public Configured(int width, Generator gen) {
    for (int i = 0; i < 3; i++) {
      layers.add(new Layer(width, width, gen));
    }
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x, Settings s) {
    Tensor h = x;
    int k = 0;
    for (Layer l : layers) {
      if (k >= s.skipped()) {
        h = l.forward(h).mul(s.slope()).tanh();
      }
      k++;
    }
    return h.mul(h).sum().mul(s.scale);
  }

  /**
   * ADJ113's fix for a tensor method taking the record, applied: the helper takes the number it
   * reads as a {@code @NoDerivative double}.
   */
  @Differentiable
  public Tensor lossThroughAHelper(@NoDerivative Tensor x, Settings s) {
    Tensor h = x;
    for (Layer l : layers) {
      h = sloped(l.forward(h), s.slope());
    }
    return h.mul(h).sum();
  }

  @Differentiable
  static Tensor sloped(Tensor h, @NoDerivative double slope) {
    return h.mul(slope).tanh();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    return all;
  }
}
