import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;
import dev.adjoint.runtime.nn.Linear;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

class Adj113Tensors {
  final Linear layer = null;

  @Differentiable
  static Tensor window(Tensor x) {
    return x.zeroInPlace().sum(); // expect: [ADJ113] Tensor.zeroInPlace() has no derivative rule in the processor
  }

  @Differentiable
  static Tensor joined(Tensor x) {
    return Tensor.cat(List.of(x, x), 0).sum(); // expect: [ADJ113] Tensor.cat(List<Tensor>, int) has no derivative rule in the processor
  }

  @Differentiable
  static Tensor counts(Tensor x) {
    return x.to(DType.INT64).sum(); // expect: [ADJ113] Tensor.to(DType.INT64) makes a tensor of INT64, which carries no gradient
  }

  @Differentiable
  static Tensor scaled(Tensor x, double alpha) { // expect: [ADJ113] @Differentiable method scaled computes with tensors, whose gradients go to tensors; its double parameter 'alpha' would get none: mark it @NoDerivative
    return x.mul(alpha).sum();
  }

  @Differentiable
  static double total(Tensor x) { // expect: [ADJ113] @Differentiable method total takes tensors but returns double
    return 0;
  }

  @Differentiable
  Tensor weights(@NoDerivative Tensor x) {
    return layer.weight().sum(); // expect: [ADJ113] only forward(input) of a Linear module is differentiated, not 'weight'
  }

  @Differentiable
  static Tensor square(Tensor x) {
    return x.mul(x).sum();
  }

  @Differentiable
  static Tensor countdown(Tensor x, @NoDerivative int n) {
    Tensor y = x.mul(x).sum();
    return n == 0 ? y : y.add(countdown(x, n - 1)); // expect: [ADJ113] a call to @Differentiable tensor method countdown is recursive
  }

  @Differentiable
  static Tensor leaky(Tensor x) {
    return Tensor.where(x.gt(0), x, x.mul(0.01)).sum(); // expect: [ADJ113] Tensor.gt(int) computes a mask, which differentiable tensor code does not compute
  }

  @Differentiable
  static Tensor accumulate(Tensor x) {
    Tensor total = Tensor.zeros(3); // expect: [ADJ113] Tensor.zeros(int) creates a tensor, which differentiable tensor code does not do
    return total.add(x).sum();
  }

  @Differentiable
  static Tensor readsValues(Tensor x) {
    return x.mul(x.get(0)).sum(); // expect: [ADJ113] Tensor.get(int) reads a tensor's values into Java arrays or numbers
  }

  final List<Tensor> weights = List.of();

  @Differentiable
  Tensor weighted(Tensor x) {
    for (Tensor w : weights) { // expect: [ADJ113] a for-each over the tensors of field 'weights' is not differentiated: hold each tensor in a field of its own
      x = x.mul(w);
    }
    return x.sum();
  }
}
