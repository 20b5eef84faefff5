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

  /** A helper taking the number it reads from the record as a {@code @NoDerivative double}. */
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

  /**
   * The record passed on to tensor helpers, on each list element's output: the helpers' reads
   * through their own parameter are made through this method's (through two calls, for {@code
   * scaled}).
   */
  @Differentiable
  public Tensor lossThroughRecordHelpers(@NoDerivative Tensor x, Settings s) {
    Tensor h = x;
    for (Layer l : layers) {
      h = slopedBy(l.forward(h), s);
    }
    return scaled(h.mul(h).sum(), s);
  }

  @Differentiable
  static Tensor slopedBy(Tensor h, Settings s) {
    return h.mul(s.slope()).tanh();
  }

  @Differentiable
  static Tensor scaled(Tensor total, Settings settings) {
    return slopedBy(total, settings).mul(settings.scale);
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    return all;
  }
}
