package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import dev.adjoint.runtime.tape.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Switches}, generated at
 * build time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class SwitchesGradAnomalies {
  private SwitchesGradAnomalies() {
  }

  /**
   * The value of {@link Switches#pick(double, int)} and its partial derivatives (the gradient).
   */
  public static PickGradient pick(double x, int k) {
    return pick(x, k, 1.0);
  }

  /**
   * The pullback of {@link Switches#pick(double, int)}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static PickGradient pick(double x, int k, double seed) {
    double[] gradient = new double[1];
    double value = pick(x, k, seed, gradient);
    return new PickGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link Switches#pick(double, int)}, accumulated: returns the value and adds the
   * partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates), allocating
   * nothing:
   * <br>{@code gradient[0] += seed·∂pick/∂x}
   */
  public static double pick(double x, int k, double seed, double[] gradient) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    boolean t1 = k == 0; // Switches.java:10
    double y_6; // Switches.java:9: set in the block below
    boolean t5 = false; // Switches.java:9: set in the block below
    if (t1) { // Switches.java:9
      double y_1 = x * x; // Switches.java:10
      if (anomalies) GeneratedAnomalies.forward(y_1, "Switches.java:10: x * x", x, x);
      y_6 = y_1; // Switches.java:9
    } else {
      boolean t3 = k == 1; // Switches.java:11
      boolean t4 = k == 2; // Switches.java:11
      t5 = t3 | t4; // Switches.java:11
      double y_5; // Switches.java:9: set in the block below
      if (t5) { // Switches.java:9
        double y_2 = Math.sin(x); // Switches.java:12
        if (anomalies) GeneratedAnomalies.forward(y_2, "Switches.java:12: Math.sin(x)", x);
        double y_3 = y_2 + k; // Switches.java:13
        if (anomalies) GeneratedAnomalies.forward(y_3, "Switches.java:13: y_2 + k", y_2, k);
        y_5 = y_3; // Switches.java:9
      } else {
        double y_4 = -x; // Switches.java:15
        if (anomalies) GeneratedAnomalies.forward(y_4, "Switches.java:15: -x", x);
        y_5 = y_4; // Switches.java:9
      }
      y_6 = y_5; // Switches.java:9
    }
    int t9 = k % 2; // Switches.java:17
    boolean t10 = t9 == 0; // Switches.java:18
    double t11 = 0.0; // Switches.java:17: set in the block below
    double t13; // Switches.java:17: set in the block below
    if (t10) { // Switches.java:17
      t11 = Math.exp(x); // Switches.java:18
      if (anomalies) GeneratedAnomalies.forward(t11, "Switches.java:18: Math.exp(x)", x);
      t13 = t11; // Switches.java:17
    } else {
      double t12 = 3 * x; // Switches.java:19
      if (anomalies) GeneratedAnomalies.forward(t12, "Switches.java:19: 3 * x", 3, x);
      t13 = t12; // Switches.java:17
    }
    double t14 = y_6 + t13; // Switches.java:21
    if (anomalies) GeneratedAnomalies.forward(t14, "Switches.java:21: y_6 + z", y_6, t13);
    // reverse sweep: adjoints, from the result back to the parameters
    if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:21", "y_6");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:21", "z");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:17", "t13");
    double dX; // Switches.java:18: accumulated in the block below
    if (t10) { // Switches.java:17: the arm the forward sweep took
      if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:17", "t11");
      dX = seed * t11; // Switches.java:18
      if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:18", "x");
    } else {
      if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:17", "t12");
      dX = seed * 3; // Switches.java:19
      if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:19", "x");
    }
    if (t1) { // Switches.java:9: the arm the forward sweep took
      if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:9", "y_1");
      dX += 2 * (seed * x); // Switches.java:10
      if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:10", "x");
    } else {
      if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:9", "y_5");
      if (t5) { // Switches.java:9: the arm the forward sweep took
        if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:9", "y_3");
        if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:13", "y_2");
        dX += seed * Math.cos(x); // Switches.java:12
        if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:12", "x");
      } else {
        if (anomalies) GeneratedAnomalies.reverse(seed, "Switches.java:9", "y_4");
        dX -= seed; // Switches.java:15
        if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:15", "x");
      }
    }
    gradient[0] += dX;
    return t14;
  }

  /**
   * The value of {@link Switches#groups(double, int)} and its partial derivatives (the gradient).
   */
  public static GroupsGradient groups(double x, int k) {
    return groups(x, k, 1.0);
  }

  /**
   * The pullback of {@link Switches#groups(double, int)}: its value, and {@code seed} times each
   * partial derivative (the vector-Jacobian product).
   */
  public static GroupsGradient groups(double x, int k, double seed) {
    double[] gradient = new double[1];
    double value = groups(x, k, seed, gradient);
    return new GroupsGradient(value, gradient[0]);
  }

  /**
   * The pullback of {@link Switches#groups(double, int)}, accumulated: returns the value and adds
   * the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code gradient[0] += seed·∂groups/∂x}
   */
  public static double groups(double x, int k, double seed, double[] gradient) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      double y = 1; // Switches.java:27
      boolean exit_1 = false; // Switches.java:28
      boolean t1 = k == 0; // Switches.java:29
      boolean t2 = k == 1; // Switches.java:31
      boolean t3 = t1 | t2; // Switches.java:31
      boolean t4 = k == 3; // Switches.java:36
      boolean t5 = t3 | t4; // Switches.java:36
      boolean t6 = !t5; // Switches.java:34
      boolean reached_1 = false; // Switches.java:28
      boolean reached_2 = reached_1 | t1; // Switches.java:29
      boolean t8 = !exit_1; // Switches.java:29
      boolean t9 = reached_2 & t8; // Switches.java:29
      double y_2; // Switches.java:29: set in the block below
      if (t9) { // Switches.java:29
        double y_1 = y * x; // Switches.java:30
        if (anomalies) GeneratedAnomalies.forward(y_1, "Switches.java:30: y * x", y, x);
        y_2 = y_1; // Switches.java:29
      } else {
        y_2 = y; // Switches.java:29
      }
      boolean reached_3 = reached_2 | t2; // Switches.java:31
      boolean t12 = !exit_1; // Switches.java:31
      boolean t13 = reached_3 & t12; // Switches.java:31
      double y_4; // Switches.java:31: set in the block below
      boolean exit_3; // Switches.java:31: set in the block below
      if (t13) { // Switches.java:31
        double t14 = Math.sin(x); // Switches.java:32
        if (anomalies) GeneratedAnomalies.forward(t14, "Switches.java:32: Math.sin(x)", x);
        double y_3 = y_2 + t14; // Switches.java:32
        if (anomalies) GeneratedAnomalies.forward(y_3, "Switches.java:32: y_2 + t14", y_2, t14);
        boolean exit_2 = true; // Switches.java:33
        y_4 = y_3; // Switches.java:31
        exit_3 = exit_2; // Switches.java:31
      } else {
        y_4 = y_2; // Switches.java:31
        exit_3 = exit_1; // Switches.java:31
      }
      boolean reached_4 = reached_3 | t6; // Switches.java:34
      boolean t17 = !exit_3; // Switches.java:34
      boolean t18 = reached_4 & t17; // Switches.java:34
      double y_6; // Switches.java:34: set in the block below
      if (t18) { // Switches.java:34
        double y_5 = -x; // Switches.java:35
        if (anomalies) GeneratedAnomalies.forward(y_5, "Switches.java:35: -x", x);
        y_6 = y_5; // Switches.java:34
      } else {
        y_6 = y_4; // Switches.java:34
      }
      boolean reached_5 = reached_4 | t4; // Switches.java:36
      boolean t21 = !exit_3; // Switches.java:36
      boolean t22 = reached_5 & t21; // Switches.java:36
      double y_8; // Switches.java:36: set in the block below
      if (t22) { // Switches.java:36
        double y_7 = y_6 * 2; // Switches.java:37
        if (anomalies) GeneratedAnomalies.forward(y_7, "Switches.java:37: y_6 * 2", y_6, 2);
        y_8 = y_7; // Switches.java:36
      } else {
        y_8 = y_6; // Switches.java:36
      }
      int i = 0; // Switches.java:39
      boolean cont_1 = false; // Switches.java:39
      double y_9 = y_8; // Switches.java:39
      int i_1 = i; // Switches.java:39
      boolean cont_2 = cont_1; // Switches.java:39
      boolean exit_4_1 = false; // Switches.java:39: set in the block below
      boolean t25 = false; // Switches.java:39: set in the block below
      boolean reached_6_1 = false; // Switches.java:39: set in the block below
      boolean reached_6_2 = false; // Switches.java:39: set in the block below
      boolean t30 = false; // Switches.java:39: set in the block below
      boolean t31 = false; // Switches.java:39: set in the block below
      boolean exit_4_3 = false; // Switches.java:39: set in the block below
      boolean t34 = false; // Switches.java:39: set in the block below
      boolean exit_4_5 = false; // Switches.java:39: set in the block below
      boolean t39 = false; // Switches.java:39: set in the block below
      boolean t41 = false; // Switches.java:39: set in the block below
      int passes = 0; // Switches.java:39: passes of the loop below
      while (i_1 < 4) { // Switches.java:39
        passes++;
        cont_2 = false; // Switches.java:39
        exit_4_1 = false; // Switches.java:40
        t25 = i_1 == 1; // Switches.java:41
        boolean t26 = i_1 == 2; // Switches.java:43
        boolean t27 = t25 | t26; // Switches.java:43
        boolean t28 = !t27; // Switches.java:46
        reached_6_1 = false; // Switches.java:40
        reached_6_2 = reached_6_1 | t25; // Switches.java:41
        t30 = !exit_4_1; // Switches.java:41
        t31 = reached_6_2 & t30; // Switches.java:41
        if (t31) { // Switches.java:41
          boolean exit_4_2 = true; // Switches.java:42
          cont_2 = true; // Switches.java:42
          exit_4_3 = exit_4_2; // Switches.java:41
        } else {
          exit_4_3 = exit_4_1; // Switches.java:41
        }
        boolean reached_6_3 = reached_6_2 | t26; // Switches.java:43
        boolean t33 = !exit_4_3; // Switches.java:43
        tape.pushBoolean(t34); // Switches.java:43: the reverse sweep needs the value it overwrites
        t34 = reached_6_3 & t33; // Switches.java:43
        if (t34) { // Switches.java:43
          double t35 = x * i_1; // Switches.java:44
          if (anomalies) GeneratedAnomalies.forward(t35, "Switches.java:44: x * i_1", x, i_1);
          double t36 = y_9 + t35; // Switches.java:44
          if (anomalies) GeneratedAnomalies.forward(t36, "Switches.java:44: y_9 + t35", y_9, t35);
          y_9 = t36; // Switches.java:44
          boolean exit_4_4 = true; // Switches.java:45
          exit_4_5 = exit_4_4; // Switches.java:43
        } else {
          exit_4_5 = exit_4_3; // Switches.java:43
        }
        boolean reached_6_4 = reached_6_3 | t28; // Switches.java:46
        boolean t38 = !exit_4_5; // Switches.java:46
        tape.pushBoolean(t39); // Switches.java:46: the reverse sweep needs the value it overwrites
        t39 = reached_6_4 & t38; // Switches.java:46
        if (t39) { // Switches.java:46
          double t40 = y_9 * 1.5; // Switches.java:47
          if (anomalies) GeneratedAnomalies.forward(t40, "Switches.java:47: y_9 * 1.5", y_9, 1.5);
          y_9 = t40; // Switches.java:47
        }
        tape.pushBoolean(t41); // Switches.java:40: the reverse sweep needs the value it overwrites
        t41 = !cont_2; // Switches.java:40
        if (t41) { // Switches.java:49
          double t42 = y_9 + x; // Switches.java:49
          if (anomalies) GeneratedAnomalies.forward(t42, "Switches.java:49: y_9 + x", y_9, x);
          y_9 = t42; // Switches.java:49
        }
        int t43 = i_1 + 1; // Switches.java:39
        i_1 = t43; // Switches.java:39
      }
      // reverse sweep: adjoints, from the result back to the parameters
      double dY_9 = seed; // Switches.java:51
      double dT42 = 0.0; // Switches.java:49: accumulated in the block below
      double dX = 0.0; // Switches.java:49: accumulated in the block below
      double dT40 = 0.0; // Switches.java:47: accumulated in the block below
      double dT36 = 0.0; // Switches.java:44: accumulated in the block below
      double dT35 = 0.0; // Switches.java:44: accumulated in the block below
      int i_1Base = i_1 - (passes + 1); // Switches.java:39: i_1 before the first pass
      for (int pass = passes; pass > 0; pass--) { // Switches.java:39: the loop's passes, last first
        i_1 = i_1Base + pass; // Switches.java:39: the value during this pass, nothing stored
        // recomputed rather than stored: the values of this pass
        exit_4_1 = false; // Switches.java:40
        t25 = i_1 == 1; // Switches.java:41
        reached_6_1 = false; // Switches.java:40
        reached_6_2 = reached_6_1 | t25; // Switches.java:41
        t30 = !exit_4_1; // Switches.java:41
        t31 = reached_6_2 & t30; // Switches.java:41
        if (t41) { // Switches.java:49: the arm the forward sweep took
          dT42 += dY_9; // Switches.java:49
          if (anomalies) GeneratedAnomalies.reverse(dT42, "Switches.java:49", "t42");
          dY_9 = dT42; // Switches.java:49
          if (anomalies) GeneratedAnomalies.reverse(dY_9, "Switches.java:49", "y_9");
          dX += dT42; // Switches.java:49
          if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:49", "x");
          dT42 = 0.0; // Switches.java:49
        }
        t41 = tape.popBoolean(); // Switches.java:40: the value before this statement
        if (t39) { // Switches.java:46: the arm the forward sweep took
          dT40 += dY_9; // Switches.java:47
          if (anomalies) GeneratedAnomalies.reverse(dT40, "Switches.java:47", "t40");
          dY_9 = dT40 * 1.5; // Switches.java:47
          if (anomalies) GeneratedAnomalies.reverse(dY_9, "Switches.java:47", "y_9");
          dT40 = 0.0; // Switches.java:47
        }
        t39 = tape.popBoolean(); // Switches.java:46: the value before this statement
        if (t34) { // Switches.java:43: the arm the forward sweep took
          dT36 += dY_9; // Switches.java:44
          if (anomalies) GeneratedAnomalies.reverse(dT36, "Switches.java:44", "t36");
          dY_9 = dT36; // Switches.java:44
          if (anomalies) GeneratedAnomalies.reverse(dY_9, "Switches.java:44", "y_9");
          dT35 += dT36; // Switches.java:44
          if (anomalies) GeneratedAnomalies.reverse(dT35, "Switches.java:44", "t35");
          dX += dT35 * i_1; // Switches.java:44
          if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:44", "x");
          dT36 = 0.0; // Switches.java:44
          dT35 = 0.0; // Switches.java:44
        }
        t34 = tape.popBoolean(); // Switches.java:43: the value before this statement
      }
      if (anomalies) GeneratedAnomalies.reverse(dY_9, "Switches.java:39", "y_8");
      double dY_6; // Switches.java:37: accumulated in the block below
      if (t22) { // Switches.java:36: the arm the forward sweep took
        if (anomalies) GeneratedAnomalies.reverse(dY_9, "Switches.java:36", "y_7");
        dY_6 = dY_9 * 2; // Switches.java:37
        if (anomalies) GeneratedAnomalies.reverse(dY_6, "Switches.java:37", "y_6");
      } else {
        dY_6 = dY_9; // Switches.java:36
        if (anomalies) GeneratedAnomalies.reverse(dY_6, "Switches.java:36", "y_6");
      }
      double dY_4 = 0.0; // Switches.java:34: accumulated in the block below
      if (t18) { // Switches.java:34: the arm the forward sweep took
        if (anomalies) GeneratedAnomalies.reverse(dY_6, "Switches.java:34", "y_5");
        dX -= dY_6; // Switches.java:35
        if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:35", "x");
      } else {
        dY_4 += dY_6; // Switches.java:34
        if (anomalies) GeneratedAnomalies.reverse(dY_4, "Switches.java:34", "y_4");
      }
      double dY_2; // Switches.java:32: accumulated in the block below
      if (t13) { // Switches.java:31: the arm the forward sweep took
        if (anomalies) GeneratedAnomalies.reverse(dY_4, "Switches.java:31", "y_3");
        dY_2 = dY_4; // Switches.java:32
        if (anomalies) GeneratedAnomalies.reverse(dY_2, "Switches.java:32", "y_2");
        if (anomalies) GeneratedAnomalies.reverse(dY_4, "Switches.java:32", "t14");
        dX += dY_4 * Math.cos(x); // Switches.java:32
        if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:32", "x");
      } else {
        dY_2 = dY_4; // Switches.java:31
        if (anomalies) GeneratedAnomalies.reverse(dY_2, "Switches.java:31", "y_2");
      }
      if (t9) { // Switches.java:29: the arm the forward sweep took
        if (anomalies) GeneratedAnomalies.reverse(dY_2, "Switches.java:29", "y_1");
        dX += dY_2 * y; // Switches.java:30
        if (anomalies) GeneratedAnomalies.reverse(dX, "Switches.java:30", "x");
      }
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      gradient[0] += dX;
      return y_9;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link Switches#pick(double, int)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂pick/∂x
   */
  public record PickGradient(double value, double x) {
  }

  /**
   * The value of {@link Switches#groups(double, int)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂groups/∂x
   */
  public record GroupsGradient(double value, double x) {
  }
}
