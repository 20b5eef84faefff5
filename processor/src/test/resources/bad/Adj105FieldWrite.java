import dev.adjoint.annotations.Differentiable;

class Adj105FieldWrite {
  static double last;
  static final double[] COEF = {1, 2};
  final double[] weights = {3, 4};

  @Differentiable
  static double f(double x) {
    last = x; // expect: [ADJ105] assignment to field 'last'
    return x;
  }

  // the fix, COEF.clone(), is applied in natural/Copies.java (scaledTable)
  @Differentiable
  static double table(double x) {
    double[] c = COEF;
    c[0] = x; // expect: [ADJ105] 'Adj105FieldWrite.COEF' is a field's array, and @Differentiable methods must not write fields; write a copy, double[] c = Adj105FieldWrite.COEF.clone()
    return c[0] * c[1];
  }

  @Differentiable
  double weights(double x) {
    weights[1] = x; // expect: [ADJ105] 'weights' is a field's array
    return weights[0] * x;
  }
}
