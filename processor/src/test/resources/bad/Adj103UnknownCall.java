import dev.adjoint.annotations.Differentiable;

class Adj103UnknownCall {
  static double helper(double x) {
    return x * x;
  }

  @Differentiable
  static double f(double x) {
    return helper(x) + 1; // expect: [ADJ103] call to helper, which has no derivative, with the differentiated argument 'x': mark it @Differentiable
  }

  @Differentiable
  static double g(double x) {
    System.out.println(x); // expect: [ADJ103] cannot resolve the method in 'System.out.println': @Differentiable methods call static methods
    return x;
  }

  @Differentiable
  static double h(double x) {
    return Math.ulp(x) * x; // expect: [ADJ103] Math.ulp has no derivative rule and 'x', a differentiated value, reaches the result through it
  }
}

// fine: calls without derivatives whose values do not reach the result, or are wrapped
class Adj103ConstantCalls {
  static int wrap(int i, int n) {
    return Math.floorMod(i, n);
  }

  @Differentiable
  static double f(double[] x, int shift) {
    double s = 0;
    for (int i = 0; i < Math.max(x.length, 1); i++) {
      s += x[wrap(i + shift, x.length)] * dev.adjoint.Adjoint.noDerivative(Math.random() + 1);
    }
    return s + dev.adjoint.Adjoint.noDerivative(Math.fma(s, s, helperOf(s)));
  }

  static double helperOf(double v) {
    return v;
  }
}
