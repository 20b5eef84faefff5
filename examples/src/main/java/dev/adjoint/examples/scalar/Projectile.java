package dev.adjoint.examples.scalar;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/** The range of a projectile over flat ground, with air resistance ignored. */
public final class Projectile {
  /** Standard gravity, m/s². */
  public static final double STANDARD_GRAVITY = 9.80665;

  private Projectile() {}

  /**
   * Range {@code v² sin(2θ) / g} of a launch at {@code speed} m/s and {@code angle} radians from
   * {@code height} m above the ground: {@code (v cos θ / g)(v sin θ + √((v sin θ)² + 2 g h))}.
   */
  @Differentiable
  public static double range(double speed, double angle, @NoDerivative double height) {
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    double g = STANDARD_GRAVITY;
    double flightTime = (vy + Math.sqrt(vy * vy + 2 * g * height)) / g;
    return vx * flightTime;
  }
}
