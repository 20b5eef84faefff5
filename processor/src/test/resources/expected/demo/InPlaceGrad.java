package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.tape.Tape;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link InPlace}, generated at
 * build time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class InPlaceGrad {
  private InPlaceGrad() {
  }

  /**
   * The value of {@link InPlace#normalizeFirst(double[])} and its partial derivatives (the
   * gradient).
   */
  public static NormalizeFirstGradient normalizeFirst(double[] x) {
    return normalizeFirst(x, 1.0);
  }

  /**
   * The pullback of {@link InPlace#normalizeFirst(double[])}: its value, and {@code seed} times
   * each partial derivative (the vector-Jacobian product).
   */
  public static NormalizeFirstGradient normalizeFirst(double[] x, double seed) {
    double[] dX = new double[x.length];
    double value = normalizeFirst(x, seed, dX);
    return new NormalizeFirstGradient(value, dX);
  }

  /**
   * The pullback of {@link InPlace#normalizeFirst(double[])}, accumulated: returns the value and
   * adds the partials, times {@code seed}, into the given arrays (as {@code .grad} accumulates),
   * allocating nothing:
   * <br>{@code dX[k] += seed·∂normalizeFirst/∂x[k]}
   */
  public static double normalizeFirst(double[] x, double seed, double[] dX) {
    if (AnomalyMode.isEnabled()) { // anomaly mode: the same adjoint, checked
      return InPlaceGradAnomalies.normalizeFirst(x, seed, dX);
    }
    Tape tape = Tape.current(); // keeps loop values for the reverse sweep
    Tape.Mark tapeMark = tape.mark(); // where this call's values start
    try { // an exception from here on takes this call's values off the tape first
      // forward sweep: the primal, keeping what the reverse sweep reads
      // @Owned x: its partials, added to the caller's at the end
      double[] dX_1 = new double[x.length];
      double first = x[0]; // InPlace.java:10
      int i = 0; // InPlace.java:11
      int i_1 = i; // InPlace.java:11
      double t5 = 0.0; // InPlace.java:11: set in the block below
      int passes = 0; // InPlace.java:11: passes of the loop below
      double[] tapeDoubles = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop = tape.doubleTop(); // how many it holds
      while (i_1 < x.length) { // InPlace.java:11
        passes++;
        double t4 = x[i_1]; // InPlace.java:12
        if (tapeTop == tapeDoubles.length) {
          tapeDoubles = tape.growDoubles(tapeTop);
        }
        // InPlace.java:12: the reverse sweep needs the value it overwrites
        tapeDoubles[tapeTop++] = t5;
        t5 = t4 / first; // InPlace.java:12
        x[i_1] = t5; // InPlace.java:12
        int t6 = i_1 + 1; // InPlace.java:11
        i_1 = t6; // InPlace.java:11
      }
      tape.setDoubleTop(tapeTop); // the fill the loop left
      double s = 0; // InPlace.java:14
      int i_2 = 0; // InPlace.java:15
      double s_1 = s; // InPlace.java:15
      int i_3 = i_2; // InPlace.java:15
      while (i_3 < x.length) { // InPlace.java:15: each pass undone as soon as it has run
        double t9 = x[i_3]; // InPlace.java:16
        double t11 = t9 * t9; // InPlace.java:16
        double t12 = s_1 + t11; // InPlace.java:16
        s_1 = t12; // InPlace.java:16
        // the pass's adjoints: no later pass changes the result's adjoint
        dX_1[i_3] += 2 * (seed * t9); // InPlace.java:16
        int t13 = i_3 + 1; // InPlace.java:15
        i_3 = t13; // InPlace.java:15
      }
      // reverse sweep: adjoints, from the result back to the parameters
      double dFirst = 0.0; // InPlace.java:12: accumulated in the block below
      int i_1Base = i_1 - (passes + 1); // InPlace.java:11: i_1 before the first pass
      double[] tapeDoubles_1 = tape.doubleStack(); // the doubles the loop pushes and pops
      int tapeTop_1 = tape.doubleTop(); // how many it holds
      for (int pass = passes; pass > 0; pass--) { // InPlace.java:11: the loop's passes, last first
        i_1 = i_1Base + pass; // InPlace.java:11: the value during this pass, nothing stored
        double dT5 = dX_1[i_1]; // InPlace.java:12
        dX_1[i_1] = 0; // InPlace.java:12
        double dT4 = dT5 / first; // InPlace.java:12
        dFirst -= dT5 * t5 / first; // InPlace.java:12
        t5 = tapeDoubles_1[--tapeTop_1]; // InPlace.java:12: the value before this statement
        dX_1[i_1] += dT4; // InPlace.java:12
      }
      tape.setDoubleTop(tapeTop_1); // the fill the loop left
      dX_1[0] += dFirst; // InPlace.java:10
      tape.releaseIfLarge(); // stacks this call emptied go if they grew beyond Tape.retainedBytes()
      for (int k = 0; k < dX_1.length; k++) { // the owned array's partials
        dX[k] += dX_1[k];
      }
      return s_1;
    } catch (Throwable failure) {
      tape.unwind(tapeMark); // the tape as this call found it, for the thread's next adjoint
      throw failure;
    }
  }

  /**
   * The value of {@link InPlace#normalizeFirst(double[])} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param x ∂normalizeFirst/∂x
   */
  public record NormalizeFirstGradient(double value, double[] x) {
  }
}
