import dev.adjoint.annotations.Differentiable;

class Adj112InputWrite {
  @Differentiable
  static double normalizeFirst(double[] x) {
    double[] alias = x;
    alias[0] = alias[0] / 2; // expect: [ADJ112] 'alias' is an input array, and @Differentiable methods must not write their inputs (the caller's data); write a copy, double[] c = alias.clone(), or, if the method may overwrite the caller's array, annotate the parameter @Owned
    return alias[0];
  }

  @Differentiable
  static double scaleRow(double[][] m) {
    m[0][1] = 2 * m[0][1]; // expect: [ADJ112] 'm[0]' is an input array
    return m[0][1];
  }
}
