import dev.adjoint.annotations.Differentiable;

class Adj105FieldWrite {
  static double last;

  @Differentiable
  static double f(double x) {
    last = x; // expect: [ADJ105] assignment to field 'last'
    return x;
  }
}
