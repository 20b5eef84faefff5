package natural;

import dev.adjoint.annotations.Differentiable;

/** A record whose accessor is declared and differs from its component (ADJ110's fix applied). */
record Scaled(double factor) {
  public double factor() {
    return 2 * factor;
  }

  double factorComponent() {
    return factor;
  }

  @Differentiable
  double scale(double x) {
    return factorComponent() * x * x + factor() * x;
  }
}
