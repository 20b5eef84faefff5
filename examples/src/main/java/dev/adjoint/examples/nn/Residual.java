package dev.adjoint.examples.nn;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * {@code x + swish(layer(x))}: a block a model of another package holds as a sub-model. Its layer
 * is public, so the generated class of that model, in its own package, can read the layer's
 * parameters as leaves.
 */
public final class Residual {
  public final Linear layer;

  /** A {@code width → width} float64 layer, initialised from {@code gen}. */
  public Residual(int width, Generator gen) {
    layer = new Linear(width, width, true, DType.FLOAT64, gen);
  }

  @Differentiable
  public Tensor apply(Tensor x) {
    return x.add(Activations.swish(layer.forward(x)));
  }
}
