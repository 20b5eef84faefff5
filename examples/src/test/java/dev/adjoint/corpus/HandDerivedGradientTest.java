package dev.adjoint.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated gradients of corpus functions against derivatives worked out by hand. */
class HandDerivedGradientTest {
  private static final double TOLERANCE = 1e-12;

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void blackScholesGreeks() {
    double s = 105;
    double k = 100;
    double t = 0.75;
    double r = 0.03;
    double sigma = 0.25;
    var g = ScalarCorpusGrad.blackScholesCall(s, k, t, r, sigma);
    double d1 = (Math.log(s / k) + (r + sigma * sigma / 2) * t) / (sigma * Math.sqrt(t));
    double d2 = d1 - sigma * Math.sqrt(t);
    double discount = Math.exp(-r * t);
    // delta = N(d1)
    assertClose(NormalDistribution.cdf(d1), g.s(), "delta");
    // vega = S φ(d1) √T
    assertClose(s * NormalDistribution.pdf(d1) * Math.sqrt(t), g.sigma(), "vega");
    // ∂C/∂K = −e^{−rT} N(d2)
    assertClose(-discount * NormalDistribution.cdf(d2), g.k(), "dual delta");
    // rho = K T e^{−rT} N(d2)
    assertClose(k * t * discount * NormalDistribution.cdf(d2), g.r(), "rho");
    // −theta = S φ(d1) σ / (2√T) + r K e^{−rT} N(d2)
    assertClose(
        s * NormalDistribution.pdf(d1) * sigma / (2 * Math.sqrt(t))
            + r * k * discount * NormalDistribution.cdf(d2),
        g.t(),
        "minus theta");
  }

  @Test
  void softplusDerivativeIsLogistic() {
    for (double x : List.of(-30.0, -4.0, -0.5, 0.0, 0.5, 4.0, 30.0)) {
      assertClose(ScalarCorpus.logistic(x), ScalarCorpusGrad.softplus(x).x(), "softplus' " + x);
    }
  }

  @Test
  void logisticDerivative() {
    for (double x : List.of(-5.0, -1.0, 0.0, 2.0)) {
      double sigma = ScalarCorpus.logistic(x);
      // σ' = σ (1 − σ)
      assertClose(sigma * (1 - sigma), ScalarCorpusGrad.logistic(x).x(), "logistic' " + x);
    }
  }

  @Test
  void logSumExpPartialsAreSoftmax() {
    double x = 1.5;
    double y = -0.25;
    double z = 0.75;
    var g = ScalarCorpusGrad.logSumExp3(x, y, z);
    double sum = Math.exp(x) + Math.exp(y) + Math.exp(z);
    assertClose(Math.exp(x) / sum, g.x(), "softmax x");
    assertClose(Math.exp(y) / sum, g.y(), "softmax y");
    assertClose(Math.exp(z) / sum, g.z(), "softmax z");
  }

  @Test
  void projectileRange() {
    double v = 20;
    double theta = 0.6;
    var g = ScalarCorpusGrad.projectileRange(v, theta);
    // R = v² sin 2θ / g: ∂R/∂v = 2v sin 2θ / g, ∂R/∂θ = 2v² cos 2θ / g
    assertClose(2 * v * Math.sin(2 * theta) / ScalarCorpus.G, g.v(), "dR/dv");
    assertClose(2 * v * v * Math.cos(2 * theta) / ScalarCorpus.G, g.theta(), "dR/dθ");
    // the range is largest at 45°
    assertEquals(0, ScalarCorpusGrad.projectileRange(v, Math.PI / 4).theta(), 1e-12);
  }

  @Test
  void recursivePower() {
    for (int n = 0; n <= 6; n++) {
      double x = 1.3;
      assertClose(n * Math.pow(x, n - 1), ScalarCorpusGrad.powRecursive(x, n).x(), "n=" + n);
    }
  }

  @Test
  void unusedArmDoesNotLeakNaN() {
    // log(-1) and 1/(2√-1) are NaN; the arm taken is constant or linear
    assertEquals(0.0, ScalarCorpusGrad.safeLog(-1).x());
    assertEquals(0.0, ScalarCorpusGrad.safeLog(0).x());
    assertEquals(-1.0, ScalarCorpusGrad.safeSqrt(-1).x());
    assertEquals(0.5, ScalarCorpusGrad.safeLog(2).x());
  }

  @Test
  void noDerivativeBlocksAGradient() {
    var g = ScalarCorpusGrad.stopGradient(3, 5);
    assertEquals(ScalarCorpus.stopGradient(3, 5), g.value());
    assertEquals(5.0, g.x());
    // ∂/∂y of x y + y² would be x + 2y = 13; the blocked y² contributes nothing
    assertEquals(3.0, g.y());
  }

  @Test
  void parametersOutsideWrtGetNoComponent() {
    assertEquals(
        List.of("value", "x"),
        CorpusGradientTest.componentNames(ScalarCorpusGrad.noDerivativeParameter(1, 2)));
    assertEquals(
        List.of("value", "y"), CorpusGradientTest.componentNames(ScalarCorpusGrad.wrtOnlyY(1, 2)));
    assertEquals(
        List.of("value", "x"),
        CorpusGradientTest.componentNames(ScalarCorpusGrad.integerControls(1, 2, 3L, true)));
  }

  @Test
  void aParameterNamedValueRenamesTheResultComponent() {
    var g = ScalarCorpusGrad.valueParameter(2, 3);
    assertEquals(List.of("primal", "value", "y"), CorpusGradientTest.componentNames(g));
    assertEquals(ScalarCorpus.valueParameter(2, 3), g.primal());
    // ∂/∂value (value y + sin value) = y + cos value
    assertEquals(3 + Math.cos(2), g.value());
  }

  @Test
  void instanceMethodsReadTheReceiversFields() {
    Oscillator stiff = new Oscillator(1, 10, 0, 1);
    var g = OscillatorGrad.energy(stiff, 2, 3);
    // E = m v²/2 + k x²/2: ∂E/∂x = k x, ∂E/∂v = m v
    assertEquals(20.0, g.x());
    assertEquals(3.0, g.v());
  }

  @Test
  void floatSoftplusDerivativeIsLogistic() {
    for (float x : new float[] {-4f, -0.5f, 0f, 0.5f, 4f}) {
      var g = FloatCorpusGrad.softplus(x);
      assertEquals(FloatCorpus.softplus(x), g.value());
      assertEquals(ScalarCorpus.logistic(x), g.x(), 1e-6, "float softplus' " + x);
    }
  }
}
