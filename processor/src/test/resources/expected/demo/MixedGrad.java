package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Mixed}, generated at build
 * time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class MixedGrad {
  private MixedGrad() {
  }

  /**
   * The value of {@link Mixed#softplus(double)} and its partial derivatives (the gradient).
   */
  public static SoftplusGradient softplus(double x) {
    return softplus(x, 1.0);
  }

  /**
   * The pullback of {@link Mixed#softplus(double)}: its value, and {@code seed} times each partial
   * derivative (the vector-Jacobian product).
   */
  public static SoftplusGradient softplus(double x, double seed) {
    double[] gradient = new double[1];
    double value = softplus(x, seed, gradient);
    return new SoftplusGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link Mixed#softplus(double)}, accumulated: returns the value and adds the
   * partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates), allocating
   * nothing:
   * <br>{@code gradient[0] += seed·∂softplus/∂x}
   */
  public static double softplus(double x, double seed, double[] gradient) {
    if (AnomalyMode.isEnabled()) { // anomaly mode: the same adjoint, checked
      return MixedGradAnomalies.softplus(x, seed, gradient);
    }
    // forward sweep: the primal, keeping what the reverse sweep reads
    boolean t1 = x > 20; // Mixed.java:20
    double t4; // Mixed.java:20: set in the block below
    double t2 = 0.0; // Mixed.java:20: set in the block below
    if (t1) { // Mixed.java:20
      t4 = x; // Mixed.java:20
    } else {
      t2 = Math.exp(x); // Mixed.java:20
      double t3 = Math.log1p(t2); // Mixed.java:20
      t4 = t3; // Mixed.java:20
    }
    // reverse sweep: adjoints, from the result back to the parameters
    double dX; // Mixed.java:20: accumulated in the block below
    if (t1) { // Mixed.java:20: the arm the forward sweep took
      dX = seed; // Mixed.java:20
    } else {
      double dT2 = seed / (t2 + 1.0); // Mixed.java:20
      dX = dT2 * t2; // Mixed.java:20
    }
    gradient[0] += dX;
    return t4;
  }

  /**
   * The value of {@link Mixed#energy(double, double, int)} and its partial derivatives (the
   * gradient).
   */
  public static EnergyGradient energy(double x, double y, int steps) {
    return energy(x, y, steps, 1.0);
  }

  /**
   * The pullback of {@link Mixed#energy(double, double, int)}: its value, and {@code seed} times
   * each partial derivative (the vector-Jacobian product).
   */
  public static EnergyGradient energy(double x, double y, int steps, double seed) {
    double[] gradient = new double[1];
    double value = energy(x, y, steps, seed, gradient);
    return new EnergyGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link Mixed#energy(double, double, int)}, accumulated: returns the value and
   * adds the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code gradient[0] += seed·∂energy/∂x}
   */
  public static double energy(double x, double y, int steps, double seed, double[] gradient) {
    if (AnomalyMode.isEnabled()) { // anomaly mode: the same adjoint, checked
      return MixedGradAnomalies.energy(x, y, steps, seed, gradient);
    }
    // forward sweep: the primal, keeping what the reverse sweep reads
    double t1 = y * y; // Mixed.java:26
    double s_1 = x + t1; // Mixed.java:26
    double s_2 = s_1 * 2; // Mixed.java:27
    double t4 = Math.sqrt(s_2); // Mixed.java:28
    double t = t4 + 9.81; // Mixed.java:28
    boolean t6 = x > 0; // Mixed.java:29
    boolean t8; // Mixed.java:29: set in the block below
    if (t6) { // Mixed.java:29
      boolean t7 = steps > 1; // Mixed.java:29
      t8 = t7; // Mixed.java:29
    } else {
      t8 = false; // Mixed.java:29
    }
    double t_3; // Mixed.java:29: set in the block below
    if (t8) { // Mixed.java:29
      double t_1 = t * x; // Mixed.java:30
      t_3 = t_1; // Mixed.java:29
    } else {
      t_3 = -t; // Mixed.java:29
    }
    SoftplusGradient softplusResult = softplus(s_2); // Mixed.java:34
    double t11 = softplusResult.value(); // Mixed.java:34
    double t12 = t_3 + t11; // Mixed.java:34
    double t13 = Math.floor(x); // Mixed.java:34
    double t15 = t12 + t13; // Mixed.java:34
    double t16 = Mixed.gelu(x); // Mixed.java:34
    double t17 = t15 + t16; // Mixed.java:34
    // reverse sweep: adjoints, from the result back to the parameters
    double dX = seed * Mixed.geluDerivative(x); // Mixed.java:34
    double dS_2 = seed * softplusResult.x(); // Mixed.java:34
    double dT; // Mixed.java:30: accumulated in the block below
    if (t8) { // Mixed.java:29: the arm the forward sweep took
      dT = seed * x; // Mixed.java:30
      dX += seed * t; // Mixed.java:30
    } else {
      dT = -seed; // Mixed.java:32
    }
    dS_2 += dT / (2.0 * t4); // Mixed.java:28
    double dS_1 = dS_2 * 2; // Mixed.java:27
    dX += dS_1; // Mixed.java:25
    gradient[0] += dX;
    return t17;
  }

  /**
   * The value of {@link Mixed#scaled(double)} and its partial derivatives (the gradient).
   */
  public static ScaledGradient scaled(Mixed self, double x) {
    return scaled(self, x, 1.0);
  }

  /**
   * The pullback of {@link Mixed#scaled(double)}: its value, and {@code seed} times each partial
   * derivative (the vector-Jacobian product).
   */
  public static ScaledGradient scaled(Mixed self, double x, double seed) {
    double[] gradient = new double[1];
    double value = scaled(self, x, seed, gradient);
    return new ScaledGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link Mixed#scaled(double)}, accumulated: returns the value and adds the
   * partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates), allocating
   * nothing:
   * <br>{@code gradient[0] += seed·∂scaled/∂x}
   */
  public static double scaled(Mixed self, double x, double seed, double[] gradient) {
    if (AnomalyMode.isEnabled()) { // anomaly mode: the same adjoint, checked
      return MixedGradAnomalies.scaled(self, x, seed, gradient);
    }
    // forward sweep: the primal, keeping what the reverse sweep reads
    SoftplusGradient softplusResult = softplus(x); // Mixed.java:39
    double t1 = softplusResult.value(); // Mixed.java:39
    double t2 = self.scale * t1; // Mixed.java:39
    double t3 = t2 + self.scale; // Mixed.java:39
    // reverse sweep: adjoints, from the result back to the parameters
    double dT1 = seed * self.scale; // Mixed.java:39
    double dX = dT1 * softplusResult.x(); // Mixed.java:39
    gradient[0] += dX;
    return t3;
  }

  /**
   * The value of {@link Mixed#single(float, float)} and its partial derivatives (the gradient).
   */
  public static SingleGradient single(float a, float b) {
    return single(a, b, 1.0f);
  }

  /**
   * The pullback of {@link Mixed#single(float, float)}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static SingleGradient single(float a, float b, float seed) {
    double[] gradient = new double[2];
    float value = single(a, b, seed, gradient);
    return new SingleGradient(value, (float) gradient[0], (float) gradient[1]);
  }

  /**
   * The pullback of {@link Mixed#single(float, float)}, accumulated: returns the value and adds the
   * partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates), allocating
   * nothing:
   * <br>{@code gradient[0] += seed·∂single/∂a}
   * <br>{@code gradient[1] += seed·∂single/∂b}
   */
  public static float single(float a, float b, float seed, double[] gradient) {
    if (AnomalyMode.isEnabled()) { // anomaly mode: the same adjoint, checked
      return MixedGradAnomalies.single(a, b, seed, gradient);
    }
    // forward sweep: the primal, keeping what the reverse sweep reads
    float t1 = a * b; // Mixed.java:44
    float c = t1 + 2f; // Mixed.java:44
    double t3 = Math.exp(c); // Mixed.java:45
    float t4 = (float) t3; // Mixed.java:45
    float t5 = Math.abs(a); // Mixed.java:45
    float t6 = t4 - t5; // Mixed.java:45
    // reverse sweep: adjoints, from the result back to the parameters
    float dA = (float) (-seed * Math.signum(a)); // Mixed.java:45
    double dT3 = seed; // Mixed.java:45
    float dC = (float) (dT3 * t3); // Mixed.java:45
    dA += dC * b; // Mixed.java:44
    float dB = (float) (dC * a); // Mixed.java:44
    gradient[0] += dA;
    gradient[1] += dB;
    return t6;
  }

  /**
   * The value of {@link Mixed#softplus(double)} and its partial derivatives, one per differentiated
   * parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂softplus/∂x
   */
  public record SoftplusGradient(double value, double x) {
  }

  /**
   * The value of {@link Mixed#energy(double, double, int)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂energy/∂x
   */
  public record EnergyGradient(double value, double x) {
  }

  /**
   * The value of {@link Mixed#scaled(double)} and its partial derivatives, one per differentiated
   * parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂scaled/∂x
   */
  public record ScaledGradient(double value, double x) {
  }

  /**
   * The value of {@link Mixed#single(float, float)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param a ∂single/∂a
   * @param b ∂single/∂b
   */
  public record SingleGradient(float value, float a, float b) {
  }
}
