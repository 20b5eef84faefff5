package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import dev.adjoint.runtime.tape.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link ArrayAliases}, generated
 * at build time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class ArrayAliasesGradAnomalies {
  private ArrayAliasesGradAnomalies() {
  }

  /**
   * The value of {@link ArrayAliases#initializer(double, double)} and its partial derivatives (the
   * gradient).
   */
  public static InitializerGradient initializer(double x, double y) {
    return initializer(x, y, 1.0);
  }

  /**
   * The pullback of {@link ArrayAliases#initializer(double, double)}: its value, and {@code seed}
   * times each partial derivative (the vector-Jacobian product).
   */
  public static InitializerGradient initializer(double x, double y, double seed) {
    double[] gradient = new double[2];
    double value = initializer(x, y, seed, gradient);
    return new InitializerGradient(value, gradient[0], gradient[1]);
  }

  /**
   * The pullback of {@link ArrayAliases#initializer(double, double)}, accumulated: returns the
   * value and adds the partials, times {@code seed}, into the given arrays (as {@code .grad}
   * accumulates), allocating nothing:
   * <br>{@code gradient[0] += seed·∂initializer/∂x}
   * <br>{@code gradient[1] += seed·∂initializer/∂y}
   */
  public static double initializer(double x, double y, double seed, double[] gradient) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    double[] t1 = new double[2]; // ArrayAliases.java:12
    double[] dT1 = new double[2]; // ArrayAliases.java:12: its adjoint
    t1[0] = x; // ArrayAliases.java:12
    t1[1] = y; // ArrayAliases.java:12
    double[] p = t1; // ArrayAliases.java:12
    double[] dP = dT1; // ArrayAliases.java:12: its adjoint
    double t2 = p[0]; // ArrayAliases.java:13
    double t3 = p[1]; // ArrayAliases.java:13
    double t4 = t2 * t3; // ArrayAliases.java:13
    if (anomalies) GeneratedAnomalies.forward(t4, "ArrayAliases.java:13: t2 * t3", t2, t3);
    // reverse sweep: adjoints, from the result back to the parameters
    double dT2 = seed * t3; // ArrayAliases.java:13
    if (anomalies) GeneratedAnomalies.reverse(dT2, "ArrayAliases.java:13", "t2");
    double dT3 = seed * t2; // ArrayAliases.java:13
    if (anomalies) GeneratedAnomalies.reverse(dT3, "ArrayAliases.java:13", "t3");
    dP[1] += dT3; // ArrayAliases.java:13
    dP[0] += dT2; // ArrayAliases.java:13
    double dY = dT1[1]; // ArrayAliases.java:12
    if (anomalies) GeneratedAnomalies.reverse(dY, "ArrayAliases.java:12", "y");
    dT1[1] = 0; // ArrayAliases.java:12
    double dX = dT1[0]; // ArrayAliases.java:12
    if (anomalies) GeneratedAnomalies.reverse(dX, "ArrayAliases.java:12", "x");
    dT1[0] = 0; // ArrayAliases.java:12
    gradient[0] += dX;
    gradient[1] += dY;
    return t4;
  }

  /**
   * The value of {@link ArrayAliases#aliases(double[], double)} and its partial derivatives (the
   * gradient).
   */
  public static AliasesGradient aliases(double[] v, double x) {
    return aliases(v, x, 1.0);
  }

  /**
   * The pullback of {@link ArrayAliases#aliases(double[], double)}: its value, and {@code seed}
   * times each partial derivative (the vector-Jacobian product).
   */
  public static AliasesGradient aliases(double[] v, double x, double seed) {
    double[] gradient = new double[1];
    double[] dV = new double[v.length];
    double value = aliases(v, x, seed, gradient, dV);
    return new AliasesGradient(value, dV, gradient[0]);
  }

  /**
   * The pullback of {@link ArrayAliases#aliases(double[], double)}, accumulated: returns the value
   * and adds the partials, times {@code seed}, into the given arrays (as {@code .grad}
   * accumulates), allocating nothing:
   * <br>{@code gradient[0] += seed·∂aliases/∂x}
   * <br>{@code dV[k] += seed·∂aliases/∂v[k]}
   */
  public static double aliases(double[] v, double x, double seed, double[] gradient, double[] dV) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      double[] a = new double[2]; // ArrayAliases.java:18
      double[] dA = new double[2]; // ArrayAliases.java:18: its adjoint
      a[0] = x; // ArrayAliases.java:19
      double[] b = a; // ArrayAliases.java:20
      double[] dB = dA; // ArrayAliases.java:20: its adjoint
      double t2 = x * x; // ArrayAliases.java:21
      if (anomalies) GeneratedAnomalies.forward(t2, "ArrayAliases.java:21: x * x", x, x);
      b[1] = t2; // ArrayAliases.java:21
      double[] c = v; // ArrayAliases.java:22
      double[] dC = dV; // ArrayAliases.java:22: its adjoint
      double s = 0; // ArrayAliases.java:23
      int i = 0; // ArrayAliases.java:24
      double s_1 = s; // ArrayAliases.java:24
      int i_1 = i; // ArrayAliases.java:24
      double[] dT4 = null; // ArrayAliases.java:24: set in the block below
      double[] dD = null; // ArrayAliases.java:24: set in the block below
      double[] dE = null; // ArrayAliases.java:24: set in the block below
      double t6 = 0.0; // ArrayAliases.java:24: set in the block below
      double t7 = 0.0; // ArrayAliases.java:24: set in the block below
      double t9 = 0.0; // ArrayAliases.java:24: set in the block below
      int t10 = 0; // ArrayAliases.java:24: set in the block below
      double t11 = 0.0; // ArrayAliases.java:24: set in the block below
      int passes = 0; // ArrayAliases.java:24: passes of the loop below
      double[] tapeDoubles = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop = tape.doubleTop(); // how many it holds
      while (i_1 < 2) { // ArrayAliases.java:24
        passes++;
        tape.pushObject(dT4); // ArrayAliases.java:25
        double[] t4 = new double[2]; // ArrayAliases.java:25
        dT4 = new double[2]; // ArrayAliases.java:25: its adjoint
        double t5 = c[i_1]; // ArrayAliases.java:25
        t4[0] = t5; // ArrayAliases.java:25
        t4[1] = x; // ArrayAliases.java:25
        tape.pushObject(dD); // ArrayAliases.java:25
        double[] d = t4; // ArrayAliases.java:25
        dD = dT4; // ArrayAliases.java:25: its adjoint
        tape.pushObject(dE); // ArrayAliases.java:26
        double[] e = d; // ArrayAliases.java:26
        dE = dD; // ArrayAliases.java:26: its adjoint
        if (tapeTop == tapeDoubles.length) {
          tapeDoubles = tape.growDoubles(tapeTop);
        }
        // ArrayAliases.java:27: the reverse sweep needs the value it overwrites
        tapeDoubles[tapeTop++] = t6;
        t6 = e[0]; // ArrayAliases.java:27
        if (tapeTop == tapeDoubles.length) {
          tapeDoubles = tape.growDoubles(tapeTop);
        }
        // ArrayAliases.java:27: the reverse sweep needs the value it overwrites
        tapeDoubles[tapeTop++] = t7;
        t7 = e[1]; // ArrayAliases.java:27
        double t8 = t6 * t7; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.forward(t8, "ArrayAliases.java:27: t6 * t7", t6, t7);
        if (tapeTop == tapeDoubles.length) {
          tapeDoubles = tape.growDoubles(tapeTop);
        }
        // ArrayAliases.java:27: the reverse sweep needs the value it overwrites
        tapeDoubles[tapeTop++] = t9;
        t9 = b[1]; // ArrayAliases.java:27
        t10 = 1 - i_1; // ArrayAliases.java:27
        t11 = c[t10]; // ArrayAliases.java:27
        double t12 = t9 * t11; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.forward(t12, "ArrayAliases.java:27: t9 * t11", t9, t11);
        double t13 = t8 + t12; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.forward(t13, "ArrayAliases.java:27: t8 + t12", t8, t12);
        double t14 = s_1 + t13; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.forward(t14, "ArrayAliases.java:27: s_1 + t13", s_1, t13);
        s_1 = t14; // ArrayAliases.java:27
        int t15 = i_1 + 1; // ArrayAliases.java:24
        i_1 = t15; // ArrayAliases.java:24
      }
      tape.setDoubleTop(tapeTop); // the fill the loop left
      // reverse sweep: adjoints, from the result back to the parameters
      double dX = 0.0; // ArrayAliases.java:25: accumulated in the block below
      int i_1Base = i_1 - (passes + 1); // ArrayAliases.java:24: i_1 before the first pass
      double[] tapeDoubles_1 = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop_1 = tape.doubleTop(); // how many it holds
      // ArrayAliases.java:24: the loop's passes, last first
      for (int pass = passes; pass > 0; pass--) {
        i_1 = i_1Base + pass; // ArrayAliases.java:24: the value during this pass, nothing stored
        // recomputed rather than stored: the values of this pass
        t10 = 1 - i_1; // ArrayAliases.java:27
        t11 = c[t10]; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.reverse(seed, "ArrayAliases.java:27", "t14");
        if (anomalies) GeneratedAnomalies.reverse(seed, "ArrayAliases.java:27", "s_1");
        if (anomalies) GeneratedAnomalies.reverse(seed, "ArrayAliases.java:27", "t13");
        if (anomalies) GeneratedAnomalies.reverse(seed, "ArrayAliases.java:27", "t8");
        if (anomalies) GeneratedAnomalies.reverse(seed, "ArrayAliases.java:27", "t12");
        double dT9 = seed * t11; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.reverse(dT9, "ArrayAliases.java:27", "t9");
        double dT11 = seed * t9; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.reverse(dT11, "ArrayAliases.java:27", "t11");
        dC[t10] += dT11; // ArrayAliases.java:27
        dB[1] += dT9; // ArrayAliases.java:27
        t9 = tapeDoubles_1[--tapeTop_1]; // ArrayAliases.java:27: the value before this statement
        double dT6 = seed * t7; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.reverse(dT6, "ArrayAliases.java:27", "t6");
        double dT7 = seed * t6; // ArrayAliases.java:27
        if (anomalies) GeneratedAnomalies.reverse(dT7, "ArrayAliases.java:27", "t7");
        dE[1] += dT7; // ArrayAliases.java:27
        t7 = tapeDoubles_1[--tapeTop_1]; // ArrayAliases.java:27: the value before this statement
        dE[0] += dT6; // ArrayAliases.java:27
        t6 = tapeDoubles_1[--tapeTop_1]; // ArrayAliases.java:27: the value before this statement
        dE = tape.popObject(); // ArrayAliases.java:26
        dD = tape.popObject(); // ArrayAliases.java:25
        dX += dT4[1]; // ArrayAliases.java:25
        if (anomalies) GeneratedAnomalies.reverse(dX, "ArrayAliases.java:25", "x");
        dT4[1] = 0; // ArrayAliases.java:25
        double dT5 = dT4[0]; // ArrayAliases.java:25
        if (anomalies) GeneratedAnomalies.reverse(dT5, "ArrayAliases.java:25", "t5");
        dT4[0] = 0; // ArrayAliases.java:25
        dC[i_1] += dT5; // ArrayAliases.java:25
        dT4 = tape.popObject(); // ArrayAliases.java:25
      }
      tape.setDoubleTop(tapeTop_1); // the fill the loop left
      double dT2 = dB[1]; // ArrayAliases.java:21
      if (anomalies) GeneratedAnomalies.reverse(dT2, "ArrayAliases.java:21", "t2");
      dB[1] = 0; // ArrayAliases.java:21
      dX += 2 * (dT2 * x); // ArrayAliases.java:21
      if (anomalies) GeneratedAnomalies.reverse(dX, "ArrayAliases.java:21", "x");
      dX += dA[0]; // ArrayAliases.java:19
      if (anomalies) GeneratedAnomalies.reverse(dX, "ArrayAliases.java:19", "x");
      dA[0] = 0; // ArrayAliases.java:19
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      gradient[0] += dX;
      return s_1;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link ArrayAliases#typedInitializers(double[], double)} and its partial
   * derivatives (the gradient).
   */
  public static TypedInitializersGradient typedInitializers(double[] v, double x) {
    return typedInitializers(v, x, 1.0);
  }

  /**
   * The pullback of {@link ArrayAliases#typedInitializers(double[], double)}: its value, and
   * {@code seed} times each partial derivative (the vector-Jacobian product).
   */
  public static TypedInitializersGradient typedInitializers(double[] v, double x, double seed) {
    double[] gradient = new double[1];
    double[] dV = new double[v.length];
    double value = typedInitializers(v, x, seed, gradient, dV);
    return new TypedInitializersGradient(value, dV, gradient[0]);
  }

  /**
   * The pullback of {@link ArrayAliases#typedInitializers(double[], double)}, accumulated: returns
   * the value and adds the partials, times {@code seed}, into the given arrays (as {@code .grad}
   * accumulates), allocating nothing:
   * <br>{@code gradient[0] += seed·∂typedInitializers/∂x}
   * <br>{@code dV[k] += seed·∂typedInitializers/∂v[k]}
   */
  public static double typedInitializers(double[] v, double x, double seed, double[] gradient,
      double[] dV) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      int[] t1 = new int[3]; // ArrayAliases.java:35
      t1[0] = 2; // ArrayAliases.java:35
      t1[1] = 0; // ArrayAliases.java:35
      t1[2] = 1; // ArrayAliases.java:35
      int[] order = t1; // ArrayAliases.java:35
      boolean[] t2 = new boolean[3]; // ArrayAliases.java:36
      t2[0] = true; // ArrayAliases.java:36
      t2[1] = false; // ArrayAliases.java:36
      t2[2] = true; // ArrayAliases.java:36
      boolean[] use = t2; // ArrayAliases.java:36
      float[] t3 = new float[3]; // ArrayAliases.java:37
      t3[0] = 0.5f; // ArrayAliases.java:37
      t3[1] = 2f; // ArrayAliases.java:37
      boolean t4 = x > 0; // ArrayAliases.java:37
      float t6; // ArrayAliases.java:37: set in the block below
      if (t4) { // ArrayAliases.java:37
        t6 = 1f; // ArrayAliases.java:37
      } else {
        float t5 = -1f; // ArrayAliases.java:37
        if (anomalies) GeneratedAnomalies.forward(t5, "ArrayAliases.java:37: -1f", 1f);
        t6 = t5; // ArrayAliases.java:37
      }
      t3[2] = t6; // ArrayAliases.java:37
      float[] scale = t3; // ArrayAliases.java:37
      double s = 0; // ArrayAliases.java:38
      int i = 0; // ArrayAliases.java:39
      double s_1 = s; // ArrayAliases.java:39
      int i_1 = i; // ArrayAliases.java:39
      boolean t9 = false; // ArrayAliases.java:39: set in the block below
      int t10 = 0; // ArrayAliases.java:39: set in the block below
      double t11 = 0.0; // ArrayAliases.java:39: set in the block below
      float t13 = 0.0f; // ArrayAliases.java:39: set in the block below
      int passes = 0; // ArrayAliases.java:39: passes of the loop below
      double[] tapeDoubles = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop = tape.doubleTop(); // how many it holds
      while (i_1 < order.length) { // ArrayAliases.java:39
        passes++;
        // ArrayAliases.java:40: the reverse sweep needs the value it overwrites
        tape.pushBoolean(t9);
        t9 = use[i_1]; // ArrayAliases.java:40
        if (t9) { // ArrayAliases.java:40
          // ArrayAliases.java:41: the reverse sweep needs the value it overwrites
          tape.pushInt(t10);
          t10 = order[i_1]; // ArrayAliases.java:41
          if (tapeTop == tapeDoubles.length) {
            tapeDoubles = tape.growDoubles(tapeTop);
          }
          // ArrayAliases.java:41: the reverse sweep needs the value it overwrites
          tapeDoubles[tapeTop++] = t11;
          t11 = v[t10]; // ArrayAliases.java:41
          double t12 = t11 * x; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.forward(t12, "ArrayAliases.java:41: t11 * x", t11, x);
          if (tapeTop == tapeDoubles.length) {
            tapeDoubles = tape.growDoubles(tapeTop);
          }
          // ArrayAliases.java:41: the reverse sweep needs the value it overwrites
          tapeDoubles[tapeTop++] = t13;
          t13 = scale[i_1]; // ArrayAliases.java:41
          double t14 = t12 * t13; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.forward(t14, "ArrayAliases.java:41: t12 * t13", t12,
              t13);
          double t15 = s_1 + t14; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.forward(t15, "ArrayAliases.java:41: s_1 + t14", s_1,
              t14);
          s_1 = t15; // ArrayAliases.java:41
        }
        int t16 = i_1 + 1; // ArrayAliases.java:39
        i_1 = t16; // ArrayAliases.java:39
      }
      tape.setDoubleTop(tapeTop); // the fill the loop left
      // reverse sweep: adjoints, from the result back to the parameters
      double dS_1 = seed; // ArrayAliases.java:44
      double dT15 = 0.0; // ArrayAliases.java:41: accumulated in the block below
      double dT14 = 0.0; // ArrayAliases.java:41: accumulated in the block below
      double dT12 = 0.0; // ArrayAliases.java:41: accumulated in the block below
      double dT11 = 0.0; // ArrayAliases.java:41: accumulated in the block below
      double dX = 0.0; // ArrayAliases.java:41: accumulated in the block below
      double[] tapeDoubles_1 = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop_1 = tape.doubleTop(); // how many it holds
      // ArrayAliases.java:39: the loop's passes, last first
      for (int pass = passes; pass > 0; pass--) {
        if (t9) { // ArrayAliases.java:40: the arm the forward sweep took
          dT15 += dS_1; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.reverse(dT15, "ArrayAliases.java:41", "t15");
          dS_1 = dT15; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.reverse(dS_1, "ArrayAliases.java:41", "s_1");
          dT14 += dT15; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.reverse(dT14, "ArrayAliases.java:41", "t14");
          dT12 += dT14 * t13; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.reverse(dT12, "ArrayAliases.java:41", "t12");
          // ArrayAliases.java:41: the value before this statement
          t13 = (float) tapeDoubles_1[--tapeTop_1];
          dT11 += dT12 * x; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.reverse(dT11, "ArrayAliases.java:41", "t11");
          dX += dT12 * t11; // ArrayAliases.java:41
          if (anomalies) GeneratedAnomalies.reverse(dX, "ArrayAliases.java:41", "x");
          dV[t10] += dT11; // ArrayAliases.java:41
          t11 = tapeDoubles_1[--tapeTop_1]; // ArrayAliases.java:41: the value before this statement
          t10 = tape.popInt(); // ArrayAliases.java:41: the value before this statement
          dT15 = 0.0; // ArrayAliases.java:41
          dT14 = 0.0; // ArrayAliases.java:41
          dT12 = 0.0; // ArrayAliases.java:41
          dT11 = 0.0; // ArrayAliases.java:41
        }
        t9 = tape.popBoolean(); // ArrayAliases.java:40: the value before this statement
      }
      tape.setDoubleTop(tapeTop_1); // the fill the loop left
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      gradient[0] += dX;
      return s_1;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link ArrayAliases#initializer(double, double)} and its partial derivatives, one
   * per differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂initializer/∂x
   * @param y ∂initializer/∂y
   */
  public record InitializerGradient(double value, double x, double y) {
  }

  /**
   * The value of {@link ArrayAliases#aliases(double[], double)} and its partial derivatives, one
   * per differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param v ∂aliases/∂v
   * @param x ∂aliases/∂x
   */
  public record AliasesGradient(double value, double[] v, double x) {
  }

  /**
   * The value of {@link ArrayAliases#typedInitializers(double[], double)} and its partial
   * derivatives, one per differentiated parameter (scaled by the seed when it came from the
   * pullback).
   *
   * @param value the value
   * @param v ∂typedInitializers/∂v
   * @param x ∂typedInitializers/∂x
   */
  public record TypedInitializersGradient(double value, double[] v, double x) {
  }
}
