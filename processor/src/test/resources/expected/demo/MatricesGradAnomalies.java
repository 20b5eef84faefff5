package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import dev.adjoint.runtime.tape.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Matrices}, generated at
 * build time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class MatricesGradAnomalies {
  private MatricesGradAnomalies() {
  }

  /**
   * The value of {@link Matrices#quadraticForm(double[][], double[])} and its partial derivatives
   * (the gradient).
   */
  public static QuadraticFormGradient quadraticForm(double[][] m, double[] x) {
    return quadraticForm(m, x, 1.0);
  }

  /**
   * The pullback of {@link Matrices#quadraticForm(double[][], double[])}: its value, and
   * {@code seed} times each partial derivative (the vector-Jacobian product).
   */
  public static QuadraticFormGradient quadraticForm(double[][] m, double[] x, double seed) {
    double[][] dM = new double[m.length][];
    for (int k = 0; k < m.length; k++) {
      dM[k] = new double[m[k].length];
    }
    double[] dX = new double[x.length];
    double value = quadraticForm(m, x, seed, dM, dX);
    return new QuadraticFormGradient(value, dM, dX);
  }

  /**
   * The pullback of {@link Matrices#quadraticForm(double[][], double[])}, accumulated: returns the
   * value and adds the partials, times {@code seed}, into the given arrays (as {@code .grad}
   * accumulates), allocating nothing:
   * <br>{@code dM[k][l] += seed·∂quadraticForm/∂m[k][l]}
   * <br>{@code dX[k] += seed·∂quadraticForm/∂x[k]}
   */
  public static double quadraticForm(double[][] m, double[] x, double seed, double[][] dM,
      double[] dX) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      double s = 0; // Matrices.java:9
      int i = 0; // Matrices.java:10
      double s_1 = s; // Matrices.java:10
      int i_1 = i; // Matrices.java:10
      double[] row = null; // Matrices.java:10: set in the block below
      double[] dRow = null; // Matrices.java:10: set in the block below
      int j_1 = 0; // Matrices.java:10: set in the block below
      double t6 = 0.0; // Matrices.java:10: set in the block below
      double t7 = 0.0; // Matrices.java:10: set in the block below
      double t8 = 0.0; // Matrices.java:10: set in the block below
      double t9 = 0.0; // Matrices.java:10: set in the block below
      int passes = 0; // Matrices.java:10: passes of the loop below
      while (i_1 < m.length) { // Matrices.java:10
        passes++;
        tape.pushObject(row); // Matrices.java:11: the reverse sweep needs the value it overwrites
        tape.pushObject(dRow); // Matrices.java:11
        row = m[i_1]; // Matrices.java:11
        dRow = dM[i_1]; // Matrices.java:11: its adjoint
        int j = 0; // Matrices.java:12
        tape.pushInt(j_1); // Matrices.java:12: the reverse sweep needs the value it overwrites
        j_1 = j; // Matrices.java:12
        int passes_1 = 0; // Matrices.java:12: passes of the loop below
        while (j_1 < row.length) { // Matrices.java:12
          passes_1++;
          t6 = x[i_1]; // Matrices.java:13
          t7 = row[j_1]; // Matrices.java:13
          t8 = t6 * t7; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.forward(t8, "Matrices.java:13: t6 * t7", t6, t7);
          t9 = x[j_1]; // Matrices.java:13
          double t10 = t8 * t9; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.forward(t10, "Matrices.java:13: t8 * t9", t8, t9);
          double t11 = s_1 + t10; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.forward(t11, "Matrices.java:13: s_1 + t10", s_1, t10);
          s_1 = t11; // Matrices.java:13
          int t12 = j_1 + 1; // Matrices.java:12
          j_1 = t12; // Matrices.java:12
        }
        tape.pushInt(passes_1); // Matrices.java:12: for the reverse sweep
        int t13 = i_1 + 1; // Matrices.java:10
        i_1 = t13; // Matrices.java:10
      }
      // reverse sweep: adjoints, from the result back to the parameters
      int i_1Base = i_1 - (passes + 1); // Matrices.java:10: i_1 before the first pass
      for (int pass = passes; pass > 0; pass--) { // Matrices.java:10: the loop's passes, last first
        i_1 = i_1Base + pass; // Matrices.java:10: the value during this pass, nothing stored
        int passesHere = tape.popInt(); // Matrices.java:12
        int j_1Base = j_1 - (passesHere + 1); // Matrices.java:12: j_1 before the first pass
        // Matrices.java:12: the loop's passes, last first
        for (int pass_1 = passesHere; pass_1 > 0; pass_1--) {
          j_1 = j_1Base + pass_1; // Matrices.java:12: the value during this pass, nothing stored
          // recomputed rather than stored: the values of this pass
          t6 = x[i_1]; // Matrices.java:13
          t7 = row[j_1]; // Matrices.java:13
          t8 = t6 * t7; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.forward(t8, "Matrices.java:13: t6 * t7", t6, t7);
          t9 = x[j_1]; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.reverse(seed, "Matrices.java:13", "t11");
          if (anomalies) GeneratedAnomalies.reverse(seed, "Matrices.java:13", "s_1");
          if (anomalies) GeneratedAnomalies.reverse(seed, "Matrices.java:13", "t10");
          double dT8 = seed * t9; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.reverse(dT8, "Matrices.java:13", "t8");
          double dT9 = seed * t8; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.reverse(dT9, "Matrices.java:13", "t9");
          dX[j_1] += dT9; // Matrices.java:13
          double dT6 = dT8 * t7; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.reverse(dT6, "Matrices.java:13", "t6");
          double dT7 = dT8 * t6; // Matrices.java:13
          if (anomalies) GeneratedAnomalies.reverse(dT7, "Matrices.java:13", "t7");
          dRow[j_1] += dT7; // Matrices.java:13
          dX[i_1] += dT6; // Matrices.java:13
        }
        j_1 = tape.popInt(); // Matrices.java:12: the value before this statement
        dRow = tape.popObject(); // Matrices.java:11
        row = tape.popObject(); // Matrices.java:11: the value before this statement
      }
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      return s_1;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link Matrices#frobenius(double[][])} and its partial derivatives (the gradient).
   */
  public static FrobeniusGradient frobenius(double[][] m) {
    return frobenius(m, 1.0);
  }

  /**
   * The pullback of {@link Matrices#frobenius(double[][])}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static FrobeniusGradient frobenius(double[][] m, double seed) {
    double[][] dM = new double[m.length][];
    for (int k = 0; k < m.length; k++) {
      dM[k] = new double[m[k].length];
    }
    double value = frobenius(m, seed, dM);
    return new FrobeniusGradient(value, dM);
  }

  /**
   * The pullback of {@link Matrices#frobenius(double[][])}, accumulated: returns the value and adds
   * the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code dM[k][l] += seed·∂frobenius/∂m[k][l]}
   */
  public static double frobenius(double[][] m, double seed, double[][] dM) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      double s = 0; // Matrices.java:21
      int k_1 = 0; // Matrices.java:22
      int t1 = m.length; // Matrices.java:22
      double s_1 = s; // Matrices.java:22
      int k_2 = k_1; // Matrices.java:22
      double[] row = null; // Matrices.java:22: set in the block below
      double[] dRow = null; // Matrices.java:22: set in the block below
      int k_3_2 = 0; // Matrices.java:22: set in the block below
      double v = 0.0; // Matrices.java:22: set in the block below
      int passes = 0; // Matrices.java:22: passes of the loop below
      while (k_2 < t1) { // Matrices.java:22
        passes++;
        tape.pushObject(row); // Matrices.java:22: the reverse sweep needs the value it overwrites
        tape.pushObject(dRow); // Matrices.java:22
        row = m[k_2]; // Matrices.java:22
        dRow = dM[k_2]; // Matrices.java:22: its adjoint
        int k_3_1 = 0; // Matrices.java:23
        int t4 = row.length; // Matrices.java:23
        tape.pushInt(k_3_2); // Matrices.java:23: the reverse sweep needs the value it overwrites
        k_3_2 = k_3_1; // Matrices.java:23
        int passes_1 = 0; // Matrices.java:23: passes of the loop below
        while (k_3_2 < t4) { // Matrices.java:23
          passes_1++;
          v = row[k_3_2]; // Matrices.java:23
          double t7 = v * v; // Matrices.java:24
          if (anomalies) GeneratedAnomalies.forward(t7, "Matrices.java:24: v * v", v, v);
          double t8 = s_1 + t7; // Matrices.java:24
          if (anomalies) GeneratedAnomalies.forward(t8, "Matrices.java:24: s_1 + t7", s_1, t7);
          s_1 = t8; // Matrices.java:24
          int t9 = k_3_2 + 1; // Matrices.java:23
          k_3_2 = t9; // Matrices.java:23
        }
        tape.pushInt(passes_1); // Matrices.java:23: for the reverse sweep
        int t10 = k_2 + 1; // Matrices.java:22
        k_2 = t10; // Matrices.java:22
      }
      double t11 = Math.sqrt(s_1); // Matrices.java:27
      if (anomalies) GeneratedAnomalies.forward(t11, "Matrices.java:27: Math.sqrt(s_1)", s_1);
      // reverse sweep: adjoints, from the result back to the parameters
      double dS_1 = seed / (2.0 * t11); // Matrices.java:27
      if (anomalies) GeneratedAnomalies.reverse(dS_1, "Matrices.java:27", "s_1");
      for (int pass = passes; pass > 0; pass--) { // Matrices.java:22: the loop's passes, last first
        int passesHere = tape.popInt(); // Matrices.java:23
        int k_3_2Base = k_3_2 - (passesHere + 1); // Matrices.java:23: k_3_2 before the first pass
        // Matrices.java:23: the loop's passes, last first
        for (int pass_1 = passesHere; pass_1 > 0; pass_1--) {
          // Matrices.java:23: the value during this pass, nothing stored
          k_3_2 = k_3_2Base + pass_1;
          // recomputed rather than stored: the values of this pass
          v = row[k_3_2]; // Matrices.java:23
          if (anomalies) GeneratedAnomalies.reverse(dS_1, "Matrices.java:24", "t8");
          if (anomalies) GeneratedAnomalies.reverse(dS_1, "Matrices.java:24", "s_1");
          if (anomalies) GeneratedAnomalies.reverse(dS_1, "Matrices.java:24", "t7");
          double dV = 2 * (dS_1 * v); // Matrices.java:24
          if (anomalies) GeneratedAnomalies.reverse(dV, "Matrices.java:24", "v");
          dRow[k_3_2] += dV; // Matrices.java:23
        }
        k_3_2 = tape.popInt(); // Matrices.java:23: the value before this statement
        dRow = tape.popObject(); // Matrices.java:22
        row = tape.popObject(); // Matrices.java:22: the value before this statement
      }
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      return t11;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link Matrices#quadraticForm(double[][], double[])} and its partial derivatives,
   * one per differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param m ∂quadraticForm/∂m
   * @param x ∂quadraticForm/∂x
   */
  public record QuadraticFormGradient(double value, double[][] m, double[] x) {
  }

  /**
   * The value of {@link Matrices#frobenius(double[][])} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param m ∂frobenius/∂m
   */
  public record FrobeniusGradient(double value, double[][] m) {
  }
}
