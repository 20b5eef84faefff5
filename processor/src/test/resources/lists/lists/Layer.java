package lists;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/** An affine layer of the user's own, {@code x·Wᵀ + b}, its parameters in its fields. */
public final class Layer {
  final Tensor weight;
  final Tensor bias;

  public Layer(int inputs, int outputs, Generator gen) {
    weight = Tensor.randn(gen, DType.FLOAT64, outputs, inputs).requiresGrad(true);
    bias = Tensor.randn(gen, DType.FLOAT64, outputs).requiresGrad(true);
  }

  @Differentiable
  public Tensor forward(Tensor x) {
    return x.matmul(weight.t()).add(bias);
  }

  public List<Tensor> parameters() {
    return List.of(weight, bias);
  }
}
