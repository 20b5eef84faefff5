import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.autograd.CustomFunction;
import dev.adjoint.runtime.tensor.Tensor;

class Adj114CustomFunctions {
  /** backward forgets forward's number parameter. */
  static final class Scale extends CustomFunction {
    public Tensor forward(Tensor x, double k) {
      return x.mul(k);
    }

    public Tensor backward(Tensor grad, Tensor x) {
      return grad;
    }
  }

  /** No backward at all. */
  static final class Square extends CustomFunction {
    public Tensor forward(Tensor x) {
      return x.mul(x);
    }
  }

  static final Scale SCALE = new Scale();
  static final Square SQUARE = new Square();
  static Square mutable = new Square();

  @Differentiable
  static Tensor scaled(Tensor x) {
    return SCALE.apply(x, 2.0).sum(); // expect: [ADJ114] Scale.backward(Tensor, Tensor) returning Tensor does not match forward(Tensor, double); declare public Tensor backward(Tensor grad, Tensor x, double k) or, to read forward's saved result, public Tensor backward(Tensor grad, Tensor x, double k, Tensor result)
  }

  @Differentiable
  static Tensor squared(Tensor x) {
    return SQUARE.apply(x).sum(); // expect: [ADJ114] Square extends CustomFunction but declares no public method backward(...), e.g. public Tensor backward(Tensor grad, Tensor x)
  }

  @Differentiable
  static Tensor held(Tensor x) {
    return mutable.apply(x).sum(); // expect: [ADJ114] custom function 'mutable' must be held in a static final field
  }
}
