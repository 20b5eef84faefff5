package dev.adjoint.examples.scalar;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

/**
 * The Black–Scholes price of a European call. Its partials are the Greeks: ∂/∂spot is the delta,
 * ∂/∂volatility the vega, ∂/∂rate the rho, ∂/∂time minus the theta.
 */
public final class BlackScholes {
  private BlackScholes() {}

  /**
   * {@code C = S N(d₁) - K e^{-rT} N(d₂)}, {@code d₁ = (ln(S/K) + (r + σ²/2) T) / (σ√T)}, {@code d₂
   * = d₁ - σ√T}.
   */
  @Differentiable
  public static double callPrice(
      double spot, @NoDerivative double strike, double rate, double volatility, double time) {
    double sqrtTime = Math.sqrt(time);
    double d1 =
        (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * time)
            / (volatility * sqrtTime);
    double d2 = d1 - volatility * sqrtTime;
    return spot * normalCdf(d1) - strike * Math.exp(-rate * time) * normalCdf(d2);
  }

  /**
   * The standard normal distribution function, through the error function approximation of
   * Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), written so that it is
   * differentiable.
   */
  @Differentiable
  public static double normalCdf(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * z);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
