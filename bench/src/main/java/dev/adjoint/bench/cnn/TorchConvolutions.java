package dev.adjoint.bench.cnn;

import dev.adjoint.bench.torch.TorchWorkload;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch's side of {@link TapeConvolutions}: the same list of float32 convolutions, {@code
 * torch::conv2d} forward and {@code backward(seed)}, the gradients reset to none after each.
 */
public final class TorchConvolutions extends TorchWorkload {
  private final List<ResNetConvLayer> layers;
  private final Tensor[] inputs;
  private final Tensor[] weights;
  private final Tensor[] seeds;

  public TorchConvolutions(List<ResNetConvLayer> layers, int batch, long seed) {
    this.layers = List.copyOf(layers);
    int n = layers.size();
    inputs = new Tensor[n];
    weights = new Tensor[n];
    seeds = new Tensor[n];
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(seed);
      for (int i = 0; i < n; i++) {
        ResNetConvLayer l = layers.get(i);
        int o = l.outputSize();
        inputs[i] =
            keep(
                torch.randn(batch, l.inChannels, l.size, l.size).requires_grad_(l.inputGradient()));
        weights[i] =
            keep(torch.randn(l.outChannels, l.inChannels, l.kernel, l.kernel).requires_grad_(true));
        seeds[i] = keep(torch.randn(batch, l.outChannels, o, o));
      }
    }
  }

  /** Every convolution forward and backward once; returns a number that depends on all of them. */
  public double step() {
    double sum = 0;
    long[] dilation = {1, 1};
    for (int i = 0; i < layers.size(); i++) {
      ResNetConvLayer l = layers.get(i);
      try (PointerScope scope = new PointerScope()) {
        long[] stride = {l.stride, l.stride};
        long[] padding = {l.padding, l.padding};
        Tensor y =
            torch.conv2d(inputs[i], weights[i], new TensorOptional(), stride, padding, dilation, 1);
        y.backward(seeds[i], new BoolOptional(), false, new TensorArrayRefOptional());
        sum += weights[i].grad().data_ptr_float().get();
        weights[i].mutable_grad().reset();
        if (l.inputGradient()) {
          inputs[i].mutable_grad().reset();
        }
      }
    }
    return sum;
  }
}
