import dev.adjoint.annotations.Differentiable;

class Adj110Private {
  private double mass = 2;

  @Differentiable
  double energy(double v) {
    return 0.5 * mass * v * v; // expect: [ADJ110] field 'mass' is private
  }
}
