package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import dev.adjoint.runtime.tape.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link InactiveLoops}, generated
 * at build time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class InactiveLoopsGradAnomalies {
  private InactiveLoopsGradAnomalies() {
  }

  /**
   * The value of {@link InactiveLoops#breakOnly(double)} and its partial derivatives (the
   * gradient).
   */
  public static BreakOnlyGradient breakOnly(double a) {
    return breakOnly(a, 1.0);
  }

  /**
   * The pullback of {@link InactiveLoops#breakOnly(double)}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static BreakOnlyGradient breakOnly(double a, double seed) {
    double[] gradient = new double[1];
    double value = breakOnly(a, seed, gradient);
    return new BreakOnlyGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link InactiveLoops#breakOnly(double)}, accumulated: returns the value and
   * adds the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code gradient[0] += seed·∂breakOnly/∂a}
   */
  public static double breakOnly(double a, double seed, double[] gradient) {
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      int j = 0; // InactiveLoops.java:12
      boolean exit_1 = false; // InactiveLoops.java:12
      int j_1 = j; // InactiveLoops.java:12
      boolean exit_2 = exit_1; // InactiveLoops.java:12
      boolean t3 = false; // InactiveLoops.java:12: set in the block below
      boolean t2; // InactiveLoops.java:12: set in the block below
      boolean t4 = false; // InactiveLoops.java:12: set in the block below
      boolean t5 = false; // InactiveLoops.java:12: set in the block below
      int passes = 0; // InactiveLoops.java:12: passes of the loop below
      boolean t1 = !exit_2; // InactiveLoops.java:12
      if (t1) { // InactiveLoops.java:12
        t3 = j_1 < 3; // InactiveLoops.java:12
        t2 = t3; // InactiveLoops.java:12
      } else {
        t2 = false; // InactiveLoops.java:12
      }
      while (t2) { // InactiveLoops.java:12
        passes++;
        // InactiveLoops.java:13: the reverse sweep needs the value it overwrites
        tape.pushBoolean(t4);
        t4 = a > j_1; // InactiveLoops.java:13
        if (t4) { // InactiveLoops.java:13
          exit_2 = true; // InactiveLoops.java:14
        }
        // InactiveLoops.java:12: the reverse sweep needs the value it overwrites
        tape.pushBoolean(t5);
        t5 = !exit_2; // InactiveLoops.java:12
        if (t5) { // InactiveLoops.java:12
          int t6 = j_1 + 1; // InactiveLoops.java:12
          j_1 = t6; // InactiveLoops.java:12
        }
        t1 = !exit_2; // InactiveLoops.java:12
        if (t1) { // InactiveLoops.java:12
          t3 = j_1 < 3; // InactiveLoops.java:12
          t2 = t3; // InactiveLoops.java:12
        } else {
          t2 = false; // InactiveLoops.java:12
        }
      }
      // reverse sweep: adjoints, from the result back to the parameters
      // InactiveLoops.java:12: the loop's passes, last first
      for (int pass = passes; pass > 0; pass--) {
        t5 = tape.popBoolean(); // InactiveLoops.java:12: the value before this statement
        t4 = tape.popBoolean(); // InactiveLoops.java:13: the value before this statement
      }
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      gradient[0] += seed;
      return a;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link InactiveLoops#innerIndex(double[])} and its partial derivatives (the
   * gradient).
   */
  public static InnerIndexGradient innerIndex(double[] x) {
    return innerIndex(x, 1.0);
  }

  /**
   * The pullback of {@link InactiveLoops#innerIndex(double[])}: its value, and {@code seed} times
   * each partial derivative (the vector-Jacobian product).
   */
  public static InnerIndexGradient innerIndex(double[] x, double seed) {
    double[] dX = new double[x.length];
    double value = innerIndex(x, seed, dX);
    return new InnerIndexGradient(value, dX);
  }

  /**
   * The pullback of {@link InactiveLoops#innerIndex(double[])}, accumulated: returns the value and
   * adds the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code dX[k] += seed·∂innerIndex/∂x[k]}
   */
  public static double innerIndex(double[] x, double seed, double[] dX) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      double s = 1; // InactiveLoops.java:22
      int i = 0; // InactiveLoops.java:23
      double s_1 = s; // InactiveLoops.java:23
      int i_1 = i; // InactiveLoops.java:23
      int k = 0; // InactiveLoops.java:23: set in the block below
      double t2 = 0.0; // InactiveLoops.java:23: set in the block below
      int k_1 = 0; // InactiveLoops.java:23: set in the block below
      double t7 = 0.0; // InactiveLoops.java:23: set in the block below
      int passes = 0; // InactiveLoops.java:23: passes of the loop below
      while (i_1 < 2) { // InactiveLoops.java:23
        passes++;
        k = i_1; // InactiveLoops.java:24
        t2 = x[k]; // InactiveLoops.java:25
        double t3 = s_1 * t2; // InactiveLoops.java:25
        if (anomalies) GeneratedAnomalies.forward(t3, "InactiveLoops.java:25: s_1 * t2", s_1, t2);
        // InactiveLoops.java:25: the reverse sweep needs the value it overwrites
        tape.pushDouble(s_1);
        s_1 = t3; // InactiveLoops.java:25
        int j = 0; // InactiveLoops.java:26
        tape.pushInt(k_1); // InactiveLoops.java:26: the reverse sweep needs the value it overwrites
        k_1 = k; // InactiveLoops.java:26
        int j_1 = j; // InactiveLoops.java:26
        int passes_1 = 0; // InactiveLoops.java:26: passes of the loop below
        while (j_1 < 1) { // InactiveLoops.java:26
          passes_1++;
          int t5 = k_1 + 1; // InactiveLoops.java:27
          k_1 = t5; // InactiveLoops.java:27
          int t6 = j_1 + 1; // InactiveLoops.java:26
          j_1 = t6; // InactiveLoops.java:26
        }
        tape.pushInt(passes_1); // InactiveLoops.java:26: for the reverse sweep
        t7 = x[k_1]; // InactiveLoops.java:29
        double t8 = s_1 * t7; // InactiveLoops.java:29
        if (anomalies) GeneratedAnomalies.forward(t8, "InactiveLoops.java:29: s_1 * t7", s_1, t7);
        // InactiveLoops.java:29: the reverse sweep needs the value it overwrites
        tape.pushDouble(s_1);
        s_1 = t8; // InactiveLoops.java:29
        int t9 = i_1 + 1; // InactiveLoops.java:23
        i_1 = t9; // InactiveLoops.java:23
      }
      double value_1 = s_1; // InactiveLoops.java:31
      // reverse sweep: adjoints, from the result back to the parameters
      double dS_1 = seed; // InactiveLoops.java:31
      int i_1Base = i_1 - (passes + 1); // InactiveLoops.java:23: i_1 before the first pass
      // InactiveLoops.java:23: the loop's passes, last first
      for (int pass = passes; pass > 0; pass--) {
        i_1 = i_1Base + pass; // InactiveLoops.java:23: the value during this pass, nothing stored
        // recomputed rather than stored: the values of this pass
        k = i_1; // InactiveLoops.java:24
        t2 = x[k]; // InactiveLoops.java:25
        t7 = x[k_1]; // InactiveLoops.java:29
        double dT8 = dS_1; // InactiveLoops.java:29
        if (anomalies) GeneratedAnomalies.reverse(dT8, "InactiveLoops.java:29", "t8");
        s_1 = tape.popDouble(); // InactiveLoops.java:29: the value before this statement
        dS_1 = dT8 * t7; // InactiveLoops.java:29
        if (anomalies) GeneratedAnomalies.reverse(dS_1, "InactiveLoops.java:29", "s_1");
        double dT7 = dT8 * s_1; // InactiveLoops.java:29
        if (anomalies) GeneratedAnomalies.reverse(dT7, "InactiveLoops.java:29", "t7");
        dX[k_1] += dT7; // InactiveLoops.java:29
        int passesHere = tape.popInt(); // InactiveLoops.java:26
        int k_1Base = k_1 - (passesHere + 1); // InactiveLoops.java:27: k_1 before the first pass
        // InactiveLoops.java:26: the loop's passes, last first
        for (int pass_1 = passesHere; pass_1 > 0; pass_1--) {
          // InactiveLoops.java:27: the value during this pass, nothing stored
          k_1 = k_1Base + pass_1;
        }
        k_1 = tape.popInt(); // InactiveLoops.java:26: the value before this statement
        double dT3 = dS_1; // InactiveLoops.java:25
        if (anomalies) GeneratedAnomalies.reverse(dT3, "InactiveLoops.java:25", "t3");
        s_1 = tape.popDouble(); // InactiveLoops.java:25: the value before this statement
        dS_1 = dT3 * t2; // InactiveLoops.java:25
        if (anomalies) GeneratedAnomalies.reverse(dS_1, "InactiveLoops.java:25", "s_1");
        double dT2 = dT3 * s_1; // InactiveLoops.java:25
        if (anomalies) GeneratedAnomalies.reverse(dT2, "InactiveLoops.java:25", "t2");
        dX[k] += dT2; // InactiveLoops.java:25
      }
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      return value_1;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link InactiveLoops#breakOnly(double)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param a ∂breakOnly/∂a
   */
  public record BreakOnlyGradient(double value, double a) {
  }

  /**
   * The value of {@link InactiveLoops#innerIndex(double[])} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂innerIndex/∂x
   */
  public record InnerIndexGradient(double value, double[] x) {
  }
}
