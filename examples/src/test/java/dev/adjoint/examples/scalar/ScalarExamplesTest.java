package dev.adjoint.examples.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The scalar examples against REFERENCE.md, hand-derived derivatives and finite differences. */
class ScalarExamplesTest {
  @Test
  void referenceR1LineThroughOnePoint() {
    LineGrad.PredictGradient g = LineGrad.predict(5, 4, 2);
    assertEquals(22.0, g.value());
    assertEquals(5.0, g.w());
    assertEquals(1.0, g.b());
  }

  @Test
  void blackScholesGreeksMatchClosedForms() {
    double s = 100;
    double k = 105;
    double r = 0.05;
    double sigma = 0.2;
    double t = 1;
    BlackScholesGrad.CallPriceGradient g = BlackScholesGrad.callPrice(s, k, r, sigma, t);
    double d1 = (Math.log(s / k) + (r + sigma * sigma / 2) * t) / (sigma * Math.sqrt(t));
    double pdf = Math.exp(-d1 * d1 / 2) / Math.sqrt(2 * Math.PI);
    // delta = N(d1) and vega = S φ(d1) √T, up to the CDF approximation's 1.5e-7 error (and its
    // derivative's, about 1e-6)
    assertEquals(BlackScholes.normalCdf(d1), g.spot(), 1e-5);
    assertEquals(s * pdf * Math.sqrt(t), g.volatility(), 1e-3);
    assertEquals(BlackScholes.callPrice(s, k, r, sigma, t), g.value());
  }

  @Test
  void softplusDerivativeIsTheLogistic() {
    for (double x = -30; x <= 30; x += 0.37) {
      assertEquals(Activations.logistic(x), ActivationsGrad.softplus(x).x(), 1e-15);
      double sigma = Activations.logistic(x);
      assertEquals(sigma * (1 - sigma), ActivationsGrad.logistic(x).x(), 1e-15);
    }
  }

  @Test
  void projectileMatchesCentralDifferences() {
    double speed = 20;
    double angle = 0.7;
    ProjectileGrad.RangeGradient g = ProjectileGrad.range(speed, angle, 1.5);
    assertEquals(centralDifference(v -> Projectile.range(v, angle, 1.5), speed), g.speed(), 1e-6);
    assertEquals(centralDifference(a -> Projectile.range(speed, a, 1.5), angle), g.angle(), 1e-6);
  }

  @Test
  void flagshipRunPrintsEveryExample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Examples.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("y = 22.0, w.grad = 5.0, b.grad = 1.0"), printed);
    assertTrue(
        printed.matches("(?s).*loss = tensor\\(-?\\d+\\.\\d{4}, grad_fn=<SumBackward0>\\).*"));
    assertTrue(printed.contains("    epoch 3: loss "), printed);
  }

  private static double centralDifference(DoubleUnaryOperator f, double x) {
    double h = 1e-5 * Math.max(1, Math.abs(x));
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }
}
