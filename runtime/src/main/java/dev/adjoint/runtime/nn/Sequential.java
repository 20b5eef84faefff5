package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * Modules applied one after another; their parameters are named {@code 0.weight}, {@code 1.bias}.
 */
public final class Sequential extends Module {
  private final List<Module> layers;

  public Sequential(Module... layers) {
    this(List.of(layers));
  }

  /** The modules of {@code layers}, named by their index. */
  public Sequential(List<? extends Module> layers) {
    this.layers = List.copyOf(layers);
    for (int i = 0; i < this.layers.size(); i++) {
      registerModule(Integer.toString(i), this.layers.get(i));
    }
  }

  public List<Module> layers() {
    return layers;
  }

  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    for (Module layer : layers) {
      x = layer.forward(x);
    }
    return x;
  }
}
