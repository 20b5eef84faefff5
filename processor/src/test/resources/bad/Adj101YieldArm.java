import dev.adjoint.annotations.Differentiable;

class Adj101YieldArm {
  @Differentiable
  static double assignsOuter(double x, int mode) {
    double scale = 1;
    double k =
        switch (mode) {
          case 0 -> x;
          default -> { // expect: [ADJ101] this switch arm assigns 'scale', declared outside the switch expression
            scale = 2;
            yield x * x;
          }
        };
    return k * scale;
  }
}
