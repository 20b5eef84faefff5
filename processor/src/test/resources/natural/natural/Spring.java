package natural;

import dev.adjoint.annotations.Differentiable;

/** A record's methods read its components, and call its accessors. */
record Spring(double stiffness, double rest, double[] damping) {
  @Differentiable
  double energy(double x) {
    double d = x - rest;
    return 0.5 * stiffness * d * d;
  }

  @Differentiable
  double energyViaAccessors(double x) {
    double d = x - rest();
    return 0.5 * this.stiffness() * d * d + damping()[0] * x + damping[1] * damping.length * x;
  }

  /** A derived quantity of the record's, not differentiable: a constant like a component. */
  double period() {
    return 2 * Math.PI / Math.sqrt(stiffness);
  }

  @Differentiable
  double phase(double t) {
    return Math.sin(t / period()) * stiffness;
  }
}
