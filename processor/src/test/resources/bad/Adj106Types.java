import dev.adjoint.annotations.Differentiable;

class Adj106Types {
  @Differentiable
  static String name(double x) { // expect: [ADJ106] @Differentiable method name returns java.lang.String; it must return double or float
    return "x";
  }

  @Differentiable
  static double length(double x, String unit) { // expect: [ADJ106] parameter 'unit' of length has type java.lang.String
    return x;
  }

  @Differentiable
  static double boxed(Double x) { // expect: [ADJ106] parameter 'x' of boxed has type java.lang.Double
    return x;
  }
}
