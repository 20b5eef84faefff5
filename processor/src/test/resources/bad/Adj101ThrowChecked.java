import dev.adjoint.annotations.Differentiable;

class Adj101ThrowChecked {
  @Differentiable
  static double checked(double x) throws Exception {
    if (x < 0) {
      throw new Exception("negative"); // expect: [ADJ101] a throw statement in a @Differentiable method throws an unchecked exception, not Exception
    }
    return x;
  }
}
