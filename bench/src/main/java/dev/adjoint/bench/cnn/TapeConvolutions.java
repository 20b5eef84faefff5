package dev.adjoint.bench.cnn;

import dev.adjoint.runtime.nn.Functional;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * A list of float32 convolutions run forward and backward on our dynamic tape: {@code
 * Functional.conv2d}, {@code backward(seed)}, the gradients dropped afterwards (PyTorch's {@code
 * zero_grad()}, which sets them to none).
 */
public final class TapeConvolutions {
  private final List<ResNetConvLayer> layers;
  private final Tensor[] inputs;
  private final Tensor[] weights;
  private final Tensor[] seeds;

  public TapeConvolutions(List<ResNetConvLayer> layers, int batch, long seed) {
    this.layers = List.copyOf(layers);
    Generator gen = new Generator(seed);
    int n = layers.size();
    inputs = new Tensor[n];
    weights = new Tensor[n];
    seeds = new Tensor[n];
    for (int i = 0; i < n; i++) {
      ResNetConvLayer l = layers.get(i);
      inputs[i] =
          Tensor.randn(gen, DType.FLOAT32, batch, l.inChannels, l.size, l.size)
              .requiresGrad(l.inputGradient());
      weights[i] =
          Tensor.randn(gen, DType.FLOAT32, l.outChannels, l.inChannels, l.kernel, l.kernel)
              .requiresGrad(true);
      int o = l.outputSize();
      seeds[i] = Tensor.randn(gen, DType.FLOAT32, batch, l.outChannels, o, o);
    }
  }

  /** Every convolution forward and backward once; returns a number that depends on all of them. */
  public double step() {
    double sum = 0;
    for (int i = 0; i < layers.size(); i++) {
      ResNetConvLayer l = layers.get(i);
      Tensor y = Functional.conv2d(inputs[i], weights[i], null, l.stride, l.padding);
      y.backward(seeds[i]);
      sum += weights[i].grad().get(0, 0, 0, 0);
      weights[i].setGrad(null);
      inputs[i].setGrad(null);
    }
    return sum;
  }
}
