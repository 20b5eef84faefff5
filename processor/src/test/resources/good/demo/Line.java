package demo;

import dev.adjoint.annotations.Differentiable;
import dev.adjoint.annotations.NoDerivative;

class Line {
  @Differentiable
  static double predict(@NoDerivative double x, double w, double b) {
    return x * w + b;
  }
}
