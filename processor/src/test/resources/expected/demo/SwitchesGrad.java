package demo;

import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Switches},
 * generated at build time by Adjoint. Each statement's comment names the source line it
 * comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class SwitchesGrad {
  private SwitchesGrad() {
  }

  /**
   * The value of {@link Switches#pick(double, int)} and its partial derivatives (the gradient).
   */
  public static PickGradient pick(double x, int k) {
    return pick(x, k, 1.0);
  }

  /**
   * The pullback of {@link Switches#pick(double, int)}: its value, and {@code seed} times each partial
   * derivative (the vector-Jacobian product).
   */
  public static PickGradient pick(double x, int k, double seed) {
    double[] gradient = new double[1];
    double value = pick(x, k, seed, gradient);
    return new PickGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link Switches#pick(double, int)}, accumulated: returns the value and adds the partials,
   * times {@code seed}, into the given arrays (as {@code .grad} accumulates), allocating
   * nothing:
   * <br>{@code gradient[0] += seed·∂pick/∂x}
   */
  public static double pick(double x, int k, double seed, double[] gradient) {
    // forward sweep: the primal, keeping what the reverse sweep reads
    double y = 0; // Switches.java:8
    boolean t1 = k == 0; // Switches.java:10
    double y_1 = 0.0; // Switches.java:9: set in the block below
    double y_6 = 0.0; // Switches.java:9: set in the block below
    boolean t3 = false; // Switches.java:9: set in the block below
    boolean t4 = false; // Switches.java:9: set in the block below
    boolean t5 = false; // Switches.java:9: set in the block below
    double y_2 = 0.0; // Switches.java:9: set in the block below
    double y_3 = 0.0; // Switches.java:9: set in the block below
    double y_5 = 0.0; // Switches.java:9: set in the block below
    double y_4 = 0.0; // Switches.java:9: set in the block below
    if (t1) { // Switches.java:9
      y_1 = x * x; // Switches.java:10
      y_6 = y_1; // Switches.java:9
    } else {
      t3 = k == 1; // Switches.java:11
      t4 = k == 2; // Switches.java:11
      t5 = t3 | t4; // Switches.java:11
      if (t5) { // Switches.java:9
        y_2 = Math.sin(x); // Switches.java:12
        y_3 = y_2 + k; // Switches.java:13
        y_5 = y_3; // Switches.java:9
      } else {
        y_4 = -x; // Switches.java:15
        y_5 = y_4; // Switches.java:9
      }
      y_6 = y_5; // Switches.java:9
    }
    int t9 = k % 2; // Switches.java:17
    boolean t10 = t9 == 0; // Switches.java:18
    double t11 = 0.0; // Switches.java:17: set in the block below
    double t13 = 0.0; // Switches.java:17: set in the block below
    double t12 = 0.0; // Switches.java:17: set in the block below
    if (t10) { // Switches.java:17
      t11 = Math.exp(x); // Switches.java:18
      t13 = t11; // Switches.java:17
    } else {
      t12 = 3 * x; // Switches.java:19
      t13 = t12; // Switches.java:17
    }
    double z = t13; // Switches.java:17
    double t14 = y_6 + z; // Switches.java:21
    // reverse sweep: adjoints, from the result back to the parameters
    double dT14 = seed; // Switches.java:21
    double dY_6 = dT14; // Switches.java:21
    double dZ = dT14; // Switches.java:21
    double dT13 = dZ; // Switches.java:17
    double dT11 = 0.0; // Switches.java:17: accumulated in the block below
    double dX = 0.0; // Switches.java:18: accumulated in the block below
    double dT12 = 0.0; // Switches.java:17: accumulated in the block below
    if (t10) { // Switches.java:17: the arm the forward sweep took
      dT11 += dT13; // Switches.java:17
      dX += dT11 * t11; // Switches.java:18
    } else {
      dT12 += dT13; // Switches.java:17
      dX += dT12 * 3; // Switches.java:19
    }
    double dY_1 = 0.0; // Switches.java:9: accumulated in the block below
    double dY_5 = 0.0; // Switches.java:9: accumulated in the block below
    double dY_3 = 0.0; // Switches.java:9: accumulated in the block below
    double dY_2 = 0.0; // Switches.java:13: accumulated in the block below
    double dY_4 = 0.0; // Switches.java:9: accumulated in the block below
    if (t1) { // Switches.java:9: the arm the forward sweep took
      dY_1 += dY_6; // Switches.java:9
      dX += 2 * (dY_1 * x); // Switches.java:10
    } else {
      dY_5 += dY_6; // Switches.java:9
      if (t5) { // Switches.java:9: the arm the forward sweep took
        dY_3 += dY_5; // Switches.java:9
        dY_2 += dY_3; // Switches.java:13
        dX += dY_2 * Math.cos(x); // Switches.java:12
      } else {
        dY_4 += dY_5; // Switches.java:9
        dX += -dY_4; // Switches.java:15
      }
    }
    gradient[0] += dX;
    return t14;
  }

  /**
   * The value of {@link Switches#pick(double, int)} and its partial derivatives, one per differentiated parameter
   * (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂pick/∂x
   */
  public record PickGradient(double value, double x) {
  }
}
