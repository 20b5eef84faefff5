import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.nn.BatchNorm2d;
import dev.adjoint.runtime.nn.Conv2d;
import dev.adjoint.runtime.nn.Sequential;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

class Adj113Modules {
  final Sequential features = null;
  final Conv2d conv = null;
  static final BatchNorm2d SHARED = null;
  final List<Sequential> stages = List.of();

  @Differentiable
  Tensor stacked(Tensor x) {
    return features.forward(x).sum(); // expect: [ADJ113] Sequential 'features' runs its layers in a loop over a list of modules, which the processor does not differentiate: hold each layer in its own field
  }

  @Differentiable
  Tensor parameters(Tensor x) {
    return conv.weight().sum(); // expect: [ADJ113] only forward(input) of a Conv2d module is differentiated, not 'weight'
  }

  @Differentiable
  Tensor shared(Tensor x) {
    return SHARED.forward(x).sum(); // expect: [ADJ113] module 'SHARED' must be an instance field of the model whose method is @Differentiable
  }

  @Differentiable
  Tensor staged(Tensor x) {
    for (Sequential s : stages) {
      x = s.forward(x); // expect: [ADJ113] a list of Sequential is not differentiated: in a for-each over a list the processor differentiates forward of Linear, Conv2d, BatchNorm2d, MaxPool2d, AdaptiveAvgPool2d, ReLU, Dropout, Flatten (a List of one of them)
    }
    return x.sum();
  }
}
