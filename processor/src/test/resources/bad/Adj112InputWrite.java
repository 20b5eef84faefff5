import dev.adjoint.annotations.Differentiable;

class Adj112InputWrite {
  @Differentiable
  static double normalizeFirst(double[] x) {
    double[] alias = x;
    alias[0] = alias[0] / 2; // expect: [ADJ112] 'alias' is an input array, and @Differentiable methods must not write their inputs
    return alias[0];
  }
}
