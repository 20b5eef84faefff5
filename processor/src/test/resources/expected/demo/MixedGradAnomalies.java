package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Mixed}, generated at build
 * time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class MixedGradAnomalies {
  private MixedGradAnomalies() {
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
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    boolean t1 = x > 20; // Mixed.java:20
    double t4; // Mixed.java:20: set in the block below
    double t2 = 0.0; // Mixed.java:20: set in the block below
    if (t1) { // Mixed.java:20
      t4 = x; // Mixed.java:20
    } else {
      t2 = Math.exp(x); // Mixed.java:20
      if (anomalies) GeneratedAnomalies.forward(t2, "Mixed.java:20: Math.exp(x)", x);
      double t3 = Math.log1p(t2); // Mixed.java:20
      if (anomalies) GeneratedAnomalies.forward(t3, "Mixed.java:20: Math.log1p(t2)", t2);
      t4 = t3; // Mixed.java:20
    }
    // reverse sweep: adjoints, from the result back to the parameters
    double dX; // Mixed.java:20: accumulated in the block below
    if (t1) { // Mixed.java:20: the arm the forward sweep took
      dX = seed; // Mixed.java:20
      if (anomalies) GeneratedAnomalies.reverse(dX, "Mixed.java:20", "x");
    } else {
      if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:20", "t3");
      double dT2 = seed / (t2 + 1.0); // Mixed.java:20
      if (anomalies) GeneratedAnomalies.reverse(dT2, "Mixed.java:20", "t2");
      dX = dT2 * t2; // Mixed.java:20
      if (anomalies) GeneratedAnomalies.reverse(dX, "Mixed.java:20", "x");
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
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    double t1 = y * y; // Mixed.java:26
    if (anomalies) GeneratedAnomalies.forward(t1, "Mixed.java:26: y * y", y, y);
    double s_1 = x + t1; // Mixed.java:26
    if (anomalies) GeneratedAnomalies.forward(s_1, "Mixed.java:26: s + t1", x, t1);
    double s_2 = s_1 * 2; // Mixed.java:27
    if (anomalies) GeneratedAnomalies.forward(s_2, "Mixed.java:27: s_1 * 2", s_1, 2);
    double t4 = Math.sqrt(s_2); // Mixed.java:28
    if (anomalies) GeneratedAnomalies.forward(t4, "Mixed.java:28: Math.sqrt(s_2)", s_2);
    double t = t4 + 9.81; // Mixed.java:28
    if (anomalies) GeneratedAnomalies.forward(t, "Mixed.java:28: t4 + 9.81", t4, 9.81);
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
      if (anomalies) GeneratedAnomalies.forward(t_1, "Mixed.java:30: t * x", t, x);
      t_3 = t_1; // Mixed.java:29
    } else {
      double t_2 = -t; // Mixed.java:32
      if (anomalies) GeneratedAnomalies.forward(t_2, "Mixed.java:32: -t", t);
      t_3 = t_2; // Mixed.java:29
    }
    SoftplusGradient softplusResult = softplus(s_2); // Mixed.java:34
    double t11 = softplusResult.value(); // Mixed.java:34
    double t12 = t_3 + t11; // Mixed.java:34
    if (anomalies) GeneratedAnomalies.forward(t12, "Mixed.java:34: t_3 + t11", t_3, t11);
    double t13 = Math.floor(x); // Mixed.java:34
    if (anomalies) GeneratedAnomalies.forward(t13, "Mixed.java:34: Math.floor(x)", x);
    double t15 = t12 + t13; // Mixed.java:34
    if (anomalies) GeneratedAnomalies.forward(t15, "Mixed.java:34: t12 + t14", t12, t13);
    double t16 = Mixed.gelu(x); // Mixed.java:34
    if (anomalies) GeneratedAnomalies.forward(t16, "Mixed.java:34: Mixed.gelu(x)", x);
    double t17 = t15 + t16; // Mixed.java:34
    if (anomalies) GeneratedAnomalies.forward(t17, "Mixed.java:34: t15 + t16", t15, t16);
    // reverse sweep: adjoints, from the result back to the parameters
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:34", "t15");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:34", "t16");
    double dX = seed * Mixed.geluDerivative(x); // Mixed.java:34
    if (anomalies) GeneratedAnomalies.reverse(dX, "Mixed.java:34", "x");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:34", "t12");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:34", "t_3");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:34", "t11");
    double dS_2 = seed * softplusResult.x(); // Mixed.java:34
    if (anomalies) GeneratedAnomalies.reverse(dS_2, "Mixed.java:34", "s_2");
    double dT; // Mixed.java:30: accumulated in the block below
    if (t8) { // Mixed.java:29: the arm the forward sweep took
      if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:29", "t_1");
      dT = seed * x; // Mixed.java:30
      if (anomalies) GeneratedAnomalies.reverse(dT, "Mixed.java:30", "t");
      dX += seed * t; // Mixed.java:30
      if (anomalies) GeneratedAnomalies.reverse(dX, "Mixed.java:30", "x");
    } else {
      if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:29", "t_2");
      dT = -seed; // Mixed.java:32
      if (anomalies) GeneratedAnomalies.reverse(dT, "Mixed.java:32", "t");
    }
    if (anomalies) GeneratedAnomalies.reverse(dT, "Mixed.java:28", "t4");
    dS_2 += dT / (2.0 * t4); // Mixed.java:28
    if (anomalies) GeneratedAnomalies.reverse(dS_2, "Mixed.java:28", "s_2");
    double dS_1 = dS_2 * 2; // Mixed.java:27
    if (anomalies) GeneratedAnomalies.reverse(dS_1, "Mixed.java:27", "s_1");
    if (anomalies) GeneratedAnomalies.reverse(dS_1, "Mixed.java:26", "s");
    dX += dS_1; // Mixed.java:25
    if (anomalies) GeneratedAnomalies.reverse(dX, "Mixed.java:25", "x");
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
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    SoftplusGradient softplusResult = softplus(x); // Mixed.java:39
    double t1 = softplusResult.value(); // Mixed.java:39
    double t2 = self.scale * t1; // Mixed.java:39
    if (anomalies) GeneratedAnomalies.forward(t2, "Mixed.java:39: self.scale * t1", self.scale, t1);
    double t3 = t2 + self.scale; // Mixed.java:39
    if (anomalies) GeneratedAnomalies.forward(t3, "Mixed.java:39: t2 + self.scale", t2, self.scale);
    // reverse sweep: adjoints, from the result back to the parameters
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:39", "t2");
    double dT1 = seed * self.scale; // Mixed.java:39
    if (anomalies) GeneratedAnomalies.reverse(dT1, "Mixed.java:39", "t1");
    double dX = dT1 * softplusResult.x(); // Mixed.java:39
    if (anomalies) GeneratedAnomalies.reverse(dX, "Mixed.java:39", "x");
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
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    float t1 = a * b; // Mixed.java:44
    if (anomalies) GeneratedAnomalies.forward(t1, "Mixed.java:44: a * b", a, b);
    float c = t1 + 2f; // Mixed.java:44
    if (anomalies) GeneratedAnomalies.forward(c, "Mixed.java:44: t1 + 2f", t1, 2f);
    double t3 = Math.exp(c); // Mixed.java:45
    if (anomalies) GeneratedAnomalies.forward(t3, "Mixed.java:45: Math.exp(c)", c);
    float t4 = (float) t3; // Mixed.java:45
    float t5 = Math.abs(a); // Mixed.java:45
    if (anomalies) GeneratedAnomalies.forward(t5, "Mixed.java:45: Math.abs(a)", a);
    float t6 = t4 - t5; // Mixed.java:45
    if (anomalies) GeneratedAnomalies.forward(t6, "Mixed.java:45: t4 - t5", t4, t5);
    // reverse sweep: adjoints, from the result back to the parameters
    if (anomalies) GeneratedAnomalies.reverse(seed, "Mixed.java:45", "t4");
    float dT5 = -seed; // Mixed.java:45
    if (anomalies) GeneratedAnomalies.reverse(dT5, "Mixed.java:45", "t5");
    float dA = (float) (dT5 * Math.signum(a)); // Mixed.java:45
    if (anomalies) GeneratedAnomalies.reverse(dA, "Mixed.java:45", "a");
    double dT3 = seed; // Mixed.java:45
    if (anomalies) GeneratedAnomalies.reverse(dT3, "Mixed.java:45", "t3");
    float dC = (float) (dT3 * t3); // Mixed.java:45
    if (anomalies) GeneratedAnomalies.reverse(dC, "Mixed.java:45", "c");
    if (anomalies) GeneratedAnomalies.reverse(dC, "Mixed.java:44", "t1");
    dA += dC * b; // Mixed.java:44
    if (anomalies) GeneratedAnomalies.reverse(dA, "Mixed.java:44", "a");
    float dB = (float) (dC * a); // Mixed.java:44
    if (anomalies) GeneratedAnomalies.reverse(dB, "Mixed.java:44", "b");
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
