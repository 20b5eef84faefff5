package natural;

import dev.adjoint.annotations.Differentiable;
import java.util.function.DoubleUnaryOperator;

/** ADJ107's fix for an anonymous class applied: the method moves to a static nested class. */
class Nested {
  static final class Square implements DoubleUnaryOperator {
    @Differentiable
    @Override
    public double applyAsDouble(double x) {
      return x * x * Math.exp(-x);
    }
  }

  static final DoubleUnaryOperator SQUARE = new Square();
}
