import dev.adjoint.annotations.Differentiable;

class Adj101ThrowRethrown {
  static RuntimeException failure(double x) {
    return new IllegalArgumentException("negative: " + x);
  }

  @Differentiable
  static double rethrown(double x) {
    if (x < 0) {
      throw failure(x); // expect: [ADJ101] a throw statement in a @Differentiable method throws a new exception with at most a message
    }
    return x;
  }
}
