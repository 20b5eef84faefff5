package demo;

import dev.adjoint.runtime.autograd.AnomalyMode;
import dev.adjoint.runtime.autograd.GeneratedAnomalies;
import javax.annotation.processing.Generated;

/**
 * Reverse-mode adjoints of the {@code @Differentiable} methods of {@link Line}, generated at build
 * time by Adjoint. Each statement's comment names the source line it comes from.
 */
@Generated("dev.adjoint.processor.AdjointProcessor")
public final class LineGradAnomalies {
  private LineGradAnomalies() {
  }

  /**
   * The value of {@link Line#predict(double, double, double)} and its partial derivatives (the
   * gradient).
   */
  public static PredictGradient predict(double x, double w, double b) {
    return predict(x, w, b, 1.0);
  }

  /**
   * The pullback of {@link Line#predict(double, double, double)}: its value, and {@code seed} times
   * each partial derivative (the vector-Jacobian product).
   */
  public static PredictGradient predict(double x, double w, double b, double seed) {
    double[] gradient = new double[2];
    double value = predict(x, w, b, seed, gradient);
    return new PredictGradient(value, gradient[0], gradient[1]);
  }

  /**
   * The pullback of {@link Line#predict(double, double, double)}, accumulated: returns the value
   * and adds the partials, times {@code seed}, into the given arrays (as {@code .grad}
   * accumulates), allocating nothing:
   * <br>{@code gradient[0] += seed·∂predict/∂w}
   * <br>{@code gradient[1] += seed·∂predict/∂b}
   */
  public static double predict(double x, double w, double b, double seed, double[] gradient) {
    boolean anomalies = AnomalyMode.isEnabled(); // anomaly checks: read once per call
    // forward sweep: the primal, keeping what the reverse sweep reads
    double t1 = x * w; // Line.java:9
    if (anomalies) GeneratedAnomalies.forward(t1, "Line.java:9: x * w", x, w);
    double t2 = t1 + b; // Line.java:9
    if (anomalies) GeneratedAnomalies.forward(t2, "Line.java:9: t1 + b", t1, b);
    // reverse sweep: adjoints, from the result back to the parameters
    if (anomalies) GeneratedAnomalies.reverse(seed, "Line.java:9", "t1");
    if (anomalies) GeneratedAnomalies.reverse(seed, "Line.java:9", "b");
    double dW = seed * x; // Line.java:9
    if (anomalies) GeneratedAnomalies.reverse(dW, "Line.java:9", "w");
    gradient[0] += dW;
    gradient[1] += seed;
    return t2;
  }

  /**
   * The value of {@link Line#predict(double, double, double)} and its partial derivatives, one per
   * differentiated parameter (scaled by the seed when it came from the pullback).
   *
   * @param value the value
   * @param w ∂predict/∂w
   * @param b ∂predict/∂b
   */
  public record PredictGradient(double value, double w, double b) {
  }
}
