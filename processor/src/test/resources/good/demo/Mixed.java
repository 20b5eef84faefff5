package demo;

import static java.lang.Math.sqrt;

import dev.adjoint.Adjoint;
import dev.adjoint.annotations.Derivative;
import dev.adjoint.annotations.Differentiable;

class Mixed {
  static final double GRAVITY = 9.81;

  final double scale;

  Mixed(double scale) {
    this.scale = scale;
  }

  @Differentiable
  static double softplus(double x) {
    return x > 20 ? x : Math.log1p(Math.exp(x));
  }

  @Differentiable(wrt = {"x"})
  static double energy(double x, double y, int steps) {
    double s = x;
    s += y * y;
    s *= 2;
    var t = sqrt(s) + GRAVITY;
    if (x > 0 && steps > 1) {
      t = t * x;
    } else {
      t = -t;
    }
    return t + softplus(s) + Adjoint.noDerivative(Math.floor(x)) + gelu(x);
  }

  @Differentiable
  double scaled(double x) {
    return scale * softplus(x) + this.scale;
  }

  @Differentiable
  static float single(float a, float b) {
    float c = a * b + 2f;
    return (float) Math.exp(c) - Math.abs(a);
  }

  static double gelu(double x) {
    return 0.5 * x * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x * x * x)));
  }

  @Derivative(of = "gelu")
  static double geluDerivative(double x) {
    double inner = 0.7978845608 * (x + 0.044715 * x * x * x);
    double t = Math.tanh(inner);
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * 0.7978845608 * (1 + 3 * 0.044715 * x * x);
  }
}
