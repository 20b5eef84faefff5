import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;

class Adj106Types {
  @Differentiable
  static String name(double x) { // expect: [ADJ106] @Differentiable method name returns java.lang.String; it must return double or float
    return "x";
  }

  @Differentiable
  static double length(double x, String unit) { // expect: [ADJ106] parameter 'unit' of length has type java.lang.String
    return x;
  }

  record Point(double x, double y) {}

  @Differentiable
  static Tensor scaled(Tensor x, Point p) { // expect: [ADJ106] parameter 'p' of scaled has type Adj106Types.Point; a @Differentiable method on tensors takes Tensors and numbers
    return x.mul(p.x());
  }

  @Differentiable
  static double boxed(Double x) { // expect: [ADJ106] parameter 'x' of boxed has type java.lang.Double
    return x;
  }
}
