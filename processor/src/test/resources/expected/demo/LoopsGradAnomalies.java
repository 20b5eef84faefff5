package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import dev.adjoint.runtime.tape.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Loops}, generated at build
 * time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class LoopsGradAnomalies {
  private LoopsGradAnomalies() {
  }

  /**
   * The value of {@link Loops#rosenbrock(double[])} and its partial derivatives (the gradient).
   */
  public static RosenbrockGradient rosenbrock(double[] x) {
    return rosenbrock(x, 1.0);
  }

  /**
   * The pullback of {@link Loops#rosenbrock(double[])}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static RosenbrockGradient rosenbrock(double[] x, double seed) {
    double[] dX = new double[x.length];
    double value = rosenbrock(x, seed, dX);
    return new RosenbrockGradient(value, dX);
  }

  /**
   * The pullback of {@link Loops#rosenbrock(double[])}, accumulated: returns the value and adds the
   * partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates), allocating
   * nothing:
   * <br>{@code dX[k] += seed·∂rosenbrock/∂x[k]}
   */
  public static double rosenbrock(double[] x, double seed, double[] dX) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    double f = 0; // Loops.java:9
    int i = 0; // Loops.java:10
    double f_1 = f; // Loops.java:10
    int i_1 = i; // Loops.java:10
    while (i_1 < x.length - 1) { // Loops.java:10: each pass undone as soon as it has run
      int t4 = i_1 + 1; // Loops.java:11
      double t5 = x[t4]; // Loops.java:11
      double t6 = x[i_1]; // Loops.java:11
      double t8 = t6 * t6; // Loops.java:11
      if (anomalies) GeneratedAnomalies.forward(t8, "Loops.java:11: t6 * t6", t6, t6);
      double a = t5 - t8; // Loops.java:11
      if (anomalies) GeneratedAnomalies.forward(a, "Loops.java:11: t5 - t8", t5, t8);
      double b = 1 - t6; // Loops.java:12
      if (anomalies) GeneratedAnomalies.forward(b, "Loops.java:12: 1 - t6", 1, t6);
      double t12 = 100 * a; // Loops.java:13
      if (anomalies) GeneratedAnomalies.forward(t12, "Loops.java:13: 100 * a", 100, a);
      double t13 = t12 * a; // Loops.java:13
      if (anomalies) GeneratedAnomalies.forward(t13, "Loops.java:13: t12 * a", t12, a);
      double t14 = b * b; // Loops.java:13
      if (anomalies) GeneratedAnomalies.forward(t14, "Loops.java:13: b * b", b, b);
      double t15 = t13 + t14; // Loops.java:13
      if (anomalies) GeneratedAnomalies.forward(t15, "Loops.java:13: t13 + t14", t13, t14);
      double t16 = f_1 + t15; // Loops.java:13
      if (anomalies) GeneratedAnomalies.forward(t16, "Loops.java:13: f_1 + t15", f_1, t15);
      f_1 = t16; // Loops.java:13
      // the pass's adjoints: no later pass changes the result's adjoint
      double dB = 2 * (seed * b); // Loops.java:13
      double dA = 2 * (seed * t12); // Loops.java:13
      dX[i_1] -= dB + 2 * (dA * t6); // Loops.java:11
      dX[t4] += dA; // Loops.java:11
      int t17 = i_1 + 1; // Loops.java:10
      i_1 = t17; // Loops.java:10
    }
    // reverse sweep: adjoints, from the result back to the parameters
    return f_1;
  }

  /**
   * The value of {@link Loops#firstAbove(double[], double)} and its partial derivatives (the
   * gradient).
   */
  public static FirstAboveGradient firstAbove(double[] xs, double limit) {
    return firstAbove(xs, limit, 1.0);
  }

  /**
   * The pullback of {@link Loops#firstAbove(double[], double)}: its value, and {@code seed} times
   * each partial derivative (the vector-Jacobian product).
   */
  public static FirstAboveGradient firstAbove(double[] xs, double limit, double seed) {
    double[] dXs = new double[xs.length];
    double value = firstAbove(xs, limit, seed, dXs);
    return new FirstAboveGradient(value, dXs);
  }

  /**
   * The pullback of {@link Loops#firstAbove(double[], double)}, accumulated: returns the value and
   * adds the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code dXs[k] += seed·∂firstAbove/∂xs[k]}
   */
  public static double firstAbove(double[] xs, double limit, double seed, double[] dXs) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      boolean returned = false; // Loops.java:18
      double sum = 0; // Loops.java:20
      int k_1 = 0; // Loops.java:21
      int t1 = xs.length; // Loops.java:21
      boolean exit_1 = false; // Loops.java:21
      boolean returned_1 = returned; // Loops.java:21
      double result = 0; // Loops.java:21
      double sum_1 = sum; // Loops.java:21
      int k_2 = k_1; // Loops.java:21
      boolean exit_2 = exit_1; // Loops.java:21
      boolean t4 = false; // Loops.java:21: set in the block below
      boolean t3; // Loops.java:21: set in the block below
      double v = 0.0; // Loops.java:21: set in the block below
      boolean t6 = false; // Loops.java:21: set in the block below
      boolean t9 = false; // Loops.java:21: set in the block below
      boolean t12 = false; // Loops.java:21: set in the block below
      int passes = 0; // Loops.java:21: passes of the loop below
      double[] tapeDoubles = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop = tape.doubleTop(); // how many it holds
      boolean t2 = !exit_2; // Loops.java:21
      if (t2) { // Loops.java:21
        t4 = k_2 < t1; // Loops.java:21
        t3 = t4; // Loops.java:21
      } else {
        t3 = false; // Loops.java:21
      }
      while (t3) { // Loops.java:21
        passes++;
        if (tapeTop == tapeDoubles.length) {
          tapeDoubles = tape.growDoubles(tapeTop);
        }
        // Loops.java:21: the reverse sweep needs the value it overwrites
        tapeDoubles[tapeTop++] = v;
        v = xs[k_2]; // Loops.java:21
        t6 = v > limit; // Loops.java:22
        if (t6) { // Loops.java:22
          double t7 = v * v; // Loops.java:23
          if (anomalies) GeneratedAnomalies.forward(t7, "Loops.java:23: v * v", v, v);
          result = sum_1 + t7; // Loops.java:23
          if (anomalies) GeneratedAnomalies.forward(result, "Loops.java:23: sum_1 + t7", sum_1, t7);
          returned_1 = true; // Loops.java:23
          exit_2 = true; // Loops.java:23
        }
        tape.pushBoolean(t9); // Loops.java:22: the reverse sweep needs the value it overwrites
        t9 = !exit_2; // Loops.java:22
        if (t9) { // Loops.java:25
          double t10 = Math.sin(v); // Loops.java:25
          if (anomalies) GeneratedAnomalies.forward(t10, "Loops.java:25: Math.sin(v)", v);
          double t11 = sum_1 + t10; // Loops.java:25
          if (anomalies) GeneratedAnomalies.forward(t11, "Loops.java:25: sum_1 + t10", sum_1, t10);
          sum_1 = t11; // Loops.java:25
        }
        tape.pushBoolean(t12); // Loops.java:21: the reverse sweep needs the value it overwrites
        t12 = !exit_2; // Loops.java:21
        if (t12) { // Loops.java:21
          int t13 = k_2 + 1; // Loops.java:21
          k_2 = t13; // Loops.java:21
        }
        t2 = !exit_2; // Loops.java:21
        if (t2) { // Loops.java:21
          t4 = k_2 < t1; // Loops.java:21
          t3 = t4; // Loops.java:21
        } else {
          t3 = false; // Loops.java:21
        }
      }
      tape.setDoubleTop(tapeTop); // the fill the loop left
      boolean t14 = !returned_1; // Loops.java:21
      double result_2; // Loops.java:27: set in the block below
      if (t14) { // Loops.java:27
        result_2 = sum_1; // Loops.java:27
      } else {
        result_2 = result; // Loops.java:27
      }
      // reverse sweep: adjoints, from the result back to the parameters
      double dSum_1 = 0.0; // Loops.java:27: accumulated in the block below
      double dResult = 0.0; // Loops.java:27: accumulated in the block below
      if (t14) { // Loops.java:27: the arm the forward sweep took
        if (anomalies) GeneratedAnomalies.reverse(seed, "Loops.java:27", "result_1");
        dSum_1 += seed; // Loops.java:27
        if (anomalies) GeneratedAnomalies.reverse(dSum_1, "Loops.java:27", "sum_1");
      } else {
        dResult += seed; // Loops.java:27
        if (anomalies) GeneratedAnomalies.reverse(dResult, "Loops.java:27", "result");
      }
      double dT11 = 0.0; // Loops.java:25: accumulated in the block below
      double dT10 = 0.0; // Loops.java:25: accumulated in the block below
      double dV = 0.0; // Loops.java:25: accumulated in the block below
      double dT7 = 0.0; // Loops.java:23: accumulated in the block below
      double[] tapeDoubles_1 = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop_1 = tape.doubleTop(); // how many it holds
      for (int pass = passes; pass > 0; pass--) { // Loops.java:21: the loop's passes, last first
        // recomputed rather than stored: the values of this pass
        t6 = v > limit; // Loops.java:22
        if (t12) { // Loops.java:21: the arm the forward sweep took
          k_2 = k_2 - 1; // Loops.java:21: undoes the step, nothing stored
        }
        t12 = tape.popBoolean(); // Loops.java:21: the value before this statement
        if (t9) { // Loops.java:25: the arm the forward sweep took
          dT11 += dSum_1; // Loops.java:25
          if (anomalies) GeneratedAnomalies.reverse(dT11, "Loops.java:25", "t11");
          dSum_1 = dT11; // Loops.java:25
          if (anomalies) GeneratedAnomalies.reverse(dSum_1, "Loops.java:25", "sum_1");
          dT10 += dT11; // Loops.java:25
          if (anomalies) GeneratedAnomalies.reverse(dT10, "Loops.java:25", "t10");
          dV += dT10 * Math.cos(v); // Loops.java:25
          if (anomalies) GeneratedAnomalies.reverse(dV, "Loops.java:25", "v");
          dT11 = 0.0; // Loops.java:25
          dT10 = 0.0; // Loops.java:25
        }
        t9 = tape.popBoolean(); // Loops.java:22: the value before this statement
        if (t6) { // Loops.java:22: the arm the forward sweep took
          dSum_1 += dResult; // Loops.java:23
          if (anomalies) GeneratedAnomalies.reverse(dSum_1, "Loops.java:23", "sum_1");
          dT7 += dResult; // Loops.java:23
          if (anomalies) GeneratedAnomalies.reverse(dT7, "Loops.java:23", "t7");
          dV += 2 * (dT7 * v); // Loops.java:23
          if (anomalies) GeneratedAnomalies.reverse(dV, "Loops.java:23", "v");
          dResult = 0.0; // Loops.java:23
          dT7 = 0.0; // Loops.java:23
        }
        dXs[k_2] += dV; // Loops.java:21
        v = tapeDoubles_1[--tapeTop_1]; // Loops.java:21: the value before this statement
        dV = 0.0; // Loops.java:21
      }
      tape.setDoubleTop(tapeTop_1); // the fill the loop left
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      return result_2;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The pullback of {@link Loops#q(double[], double[])}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static QGradient q(double[] a, double[] b, double[] seed) {
    double[] dA = new double[a.length];
    double[] dB = new double[b.length];
    double[] value = q(a, b, seed, dA, dB);
    return new QGradient(value, dA, dB);
  }

  /**
   * The pullback of {@link Loops#q(double[], double[])}, accumulated: returns the value and adds
   * the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code dA[k] += seed·∂q/∂a[k]}
   * <br>{@code dB[k] += seed·∂q/∂b[k]}
   */
  public static double[] q(double[] a, double[] b, double[] seed, double[] dA, double[] dB) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    int t2 = a.length; // Loops.java:32
    double[] q = new double[t2]; // Loops.java:32
    double[] dQ = new double[t2]; // Loops.java:32: its adjoint
    int i = 0; // Loops.java:33
    int i_1 = i; // Loops.java:33
    double t5 = 0.0; // Loops.java:33: set in the block below
    double t6 = 0.0; // Loops.java:33: set in the block below
    double t8 = 0.0; // Loops.java:33: set in the block below
    double t11 = 0.0; // Loops.java:33: set in the block below
    int passes = 0; // Loops.java:33: passes of the loop below
    while (i_1 < a.length) { // Loops.java:33
      passes++;
      t5 = a[i_1]; // Loops.java:34
      t6 = 3 * t5; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t6, "Loops.java:34: 3 * t5", 3, t5);
      t8 = t6 * t5; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t8, "Loops.java:34: t6 * t5", t6, t5);
      double t10 = t8 * t5; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t10, "Loops.java:34: t8 * t5", t8, t5);
      t11 = b[i_1]; // Loops.java:34
      double t13 = t11 * t11; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t13, "Loops.java:34: t11 * t11", t11, t11);
      double t14 = t10 - t13; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t14, "Loops.java:34: t10 - t13", t10, t13);
      q[i_1] = t14; // Loops.java:34
      int t15 = i_1 + 1; // Loops.java:33
      i_1 = t15; // Loops.java:33
    }
    // reverse sweep: adjoints, from the result back to the parameters
    if (seed.length != q.length) { // Loops.java:36
      throw new IllegalArgumentException("the seed has length " + seed.length + " but q returns "
          + q.length + " values");
    }
    for (int k = 0; k < seed.length; k++) { // Loops.java:36
      dQ[k] += seed[k];
    }
    int i_1Base = i_1 - (passes + 1); // Loops.java:33: i_1 before the first pass
    for (int pass = passes; pass > 0; pass--) { // Loops.java:33: the loop's passes, last first
      i_1 = i_1Base + pass; // Loops.java:33: the value during this pass, nothing stored
      // recomputed rather than stored: the values of this pass
      t5 = a[i_1]; // Loops.java:34
      t6 = 3 * t5; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t6, "Loops.java:34: 3 * t5", 3, t5);
      t8 = t6 * t5; // Loops.java:34
      if (anomalies) GeneratedAnomalies.forward(t8, "Loops.java:34: t6 * t5", t6, t5);
      t11 = b[i_1]; // Loops.java:34
      double dT14 = dQ[i_1]; // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT14, "Loops.java:34", "t14");
      dQ[i_1] = 0; // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT14, "Loops.java:34", "t10");
      double dT13 = -dT14; // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT13, "Loops.java:34", "t13");
      double dT11 = 2 * (dT13 * t11); // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT11, "Loops.java:34", "t11");
      dB[i_1] += dT11; // Loops.java:34
      double dT8 = dT14 * t5; // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT8, "Loops.java:34", "t8");
      double dT5 = dT14 * t8; // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT5, "Loops.java:34", "t5");
      dT5 += 2 * (dT8 * t6); // Loops.java:34
      if (anomalies) GeneratedAnomalies.reverse(dT5, "Loops.java:34", "t5");
      dA[i_1] += dT5; // Loops.java:34
    }
    return q;
  }

  /**
   * The value of {@link Loops#rosenbrock(double[])} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂rosenbrock/∂x
   */
  public record RosenbrockGradient(double value, double[] x) {
  }

  /**
   * The value of {@link Loops#firstAbove(double[], double)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param xs ∂firstAbove/∂xs
   */
  public record FirstAboveGradient(double value, double[] xs) {
  }

  /**
   * The value of {@link Loops#q(double[], double[])} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param a the seed times ∂q/∂a (a vector-Jacobian product)
   * @param b the seed times ∂q/∂b (a vector-Jacobian product)
   */
  public record QGradient(double[] value, double[] a, double[] b) {
  }
}
