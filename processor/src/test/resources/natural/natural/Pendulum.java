package natural;

import dev.adjoint.annotations.Differentiable;

/** A final class with private state read through its getters. */
final class Pendulum {
  private final double length;
  private final double gravity;

  Pendulum(double length, double gravity) {
    this.length = length;
    this.gravity = gravity;
  }

  double length() {
    return length;
  }

  double getGravity() {
    return gravity;
  }

  @Differentiable
  double height(double angle) {
    return length() * (1 - Math.cos(angle)) * getGravity();
  }
}
