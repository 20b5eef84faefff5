package dev.adjoint.runtime.nn;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * Modules applied one after another; their parameters are named {@code 0.weight}, {@code 1.bias}.
 */
public final class Sequential extends Module {
  private final List<Module> layers;

  public Sequential(Module... layers) {
    this.layers = List.of(layers);
    for (int i = 0; i < layers.length; i++) {
      registerModule(Integer.toString(i), layers[i]);
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
