package natural;

import dev.adjoint.annotations.Differentiable;

/**
 * Records and objects of final classes as parameters: constants for the gradient, their values
 * read through components, fields and getters.
 */
final class Particles {
  record Point(double x, double y) {}

  static final class Spring {
    final double stiffness;
    private final double rest;

    Spring(double stiffness, double rest) {
      this.stiffness = stiffness;
      this.rest = rest;
    }

    double rest() {
      return rest;
    }
  }

  final double gravity = 9.81;

  /**
   * An instance method whose record parameter has the name the generated code gives the receiver
   * ({@code self}): renamed inside the generated methods.
   */
  @Differentiable
  double potential(Point self, double mass) {
    return mass * gravity * self.y() + mass * mass * self.x;
  }

  /** An accessor and a component read as a field (the record's own implicit accessor). */
  @Differentiable
  static double energy(Point p, double k) {
    return 0.5 * k * (p.x() * p.x() + p.y * p.y) + Math.sin(k * p.x());
  }

  /** A final class's field and getter, and a second record, between differentiated numbers. */
  @Differentiable
  static double stretched(Spring s, Point anchor, double x, double y) {
    double dx = x - anchor.x();
    double dy = y - anchor.y();
    double d = Math.sqrt(dx * dx + dy * dy) - s.rest();
    return 0.5 * s.stiffness * d * d;
  }

  static double radius(Point p) {
    return Math.hypot(p.x(), p.y());
  }

  /** A record passed to a helper without a derivative: a constant, as the record is. */
  @Differentiable
  static double scaledByRadius(Point p, double k) {
    return k * k * radius(p);
  }

  /** A record passed on to another {@code @Differentiable} method. */
  @Differentiable
  static double twice(Point p, double k) {
    return energy(p, k) + energy(p, 2 * k);
  }
}
