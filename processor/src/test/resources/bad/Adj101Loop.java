import dev.adjoint.annotations.Differentiable;

class Adj101Loop {
  @Differentiable
  static double sum(double x) {
    double s = 0;
    for (int i = 0; i < 3; i++) { // expect: [ADJ101] loops are not supported in @Differentiable methods
      s += x;
    }
    return s;
  }
}
