import dev.adjoint.annotations.Differentiable;
import java.util.function.DoubleUnaryOperator;

class Adj102Lambda {
  static double apply(DoubleUnaryOperator f, double x) {
    return f.applyAsDouble(x);
  }

  @Differentiable
  static double f(double x) {
    return apply(v -> v * v, x); // expect: [ADJ102] lambdas and method references is not supported
  }
}
