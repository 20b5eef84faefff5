import dev.adjoint.annotations.Differentiable;
import java.util.function.DoubleUnaryOperator;

// the fix, a static nested class, is applied in natural/Nested.java
class Adj107Unseen {
  static final DoubleUnaryOperator SQUARE =
      new DoubleUnaryOperator() {
        @Differentiable
        public double applyAsDouble(double x) { // expect: [ADJ107] @Differentiable method applyAsDouble is in an anonymous or local class, whose members annotation processing does not see, so it would get no gradient; move it to a named class
          return x * x;
        }
      };

  static double local(double y) {
    class Cube {
      @Differentiable
      static double cube(double x) { // expect: [ADJ107] @Differentiable method cube is in an anonymous or local class
        return x * x * x;
      }
    }
    return Cube.cube(y);
  }
}
