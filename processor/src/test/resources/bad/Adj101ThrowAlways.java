import dev.adjoint.annotations.Differentiable;

class Adj101ThrowAlways {
  @Differentiable
  static double always(double x) {
    throw new UnsupportedOperationException("not yet"); // expect: [ADJ101] this @Differentiable method always throws
  }
}
