import dev.adjoint.annotations.Differentiable;

class Adj103UnknownCall {
  static double helper(double x) {
    return x * x;
  }

  @Differentiable
  static double f(double x) {
    return helper(x) + 1; // expect: [ADJ103] call to helper, which has no derivative: mark it @Differentiable
  }

  @Differentiable
  static double g(double x) {
    System.out.println(x); // expect: [ADJ103] cannot resolve the method in 'System.out.println': @Differentiable methods call static methods
    return x;
  }

  @Differentiable
  static double h(double x) {
    return Math.toRadians(x); // expect: [ADJ103] Math.toRadians has no derivative rule
  }
}
