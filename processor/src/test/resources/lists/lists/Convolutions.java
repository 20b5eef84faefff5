package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Conv2d;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolutions of different strides and paddings, and batch norms in training, in lists: each
 * pass reads its layer's configuration and updates its running statistics, as on the tape.
 */
public final class Convolutions {
  final List<Conv2d> convs = new ArrayList<>();
  final List<BatchNorm2d> norms = new ArrayList<>();

  public Convolutions(long seed) {
    Generator gen = new Generator(seed);
    convs.add(Conv2d.builder(2, 3, 3).padding(1).dtype(DType.FLOAT64).build(gen));
    convs.add(Conv2d.builder(3, 3, 3).stride(2).bias(false).dtype(DType.FLOAT64).build(gen));
    norms.add(new BatchNorm2d(3, DType.FLOAT64));
    norms.add(new BatchNorm2d(3, DType.FLOAT64));
  }

  @Differentiable
  public Tensor loss(@NoDerivative Tensor x) {
    for (Conv2d c : convs) {
      x = c.forward(x).tanh();
    }
    for (BatchNorm2d n : norms) {
      x = n.forward(x).sigmoid();
    }
    return x.mul(x).sum();
  }

  public List<Tensor> parameters() {
    List<Tensor> all = new ArrayList<>();
    convs.forEach(c -> all.addAll(c.parameters()));
    norms.forEach(n -> all.addAll(n.parameters()));
    return all;
  }

  /** The running statistics, which a step in training updates. */
  public List<Tensor> buffers() {
    List<Tensor> all = new ArrayList<>();
    norms.forEach(n -> all.addAll(n.buffers()));
    return all;
  }
}
