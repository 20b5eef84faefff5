import dev.adjoint.annotations.Differentiable;
import dev.adjoint.runtime.tensor.Tensor;

class Adj110Private {
  private double mass = 2;

  @Differentiable
  double energy(double v) {
    return 0.5 * mass * v * v; // expect: [ADJ110] field 'mass' is private
  }

  static final class Encoder {
    final Tensor weight = null;

    @Differentiable
    Tensor encode(Tensor x) {
      return x.mul(weight);
    }
  }

  private final Encoder encoder = new Encoder();

  @Differentiable
  Tensor loss(Tensor x) {
    return encoder.encode(x).sum(); // expect: [ADJ110] field 'encoder' is private; the generated class cannot read the sub-model's parameters through it
  }
}

// the fix, a method returning the component, is applied in natural/Scaled.java
record Adj110Scaled(double factor) {
  public double factor() {
    return 2 * factor;
  }

  @Differentiable
  double scale(double x) {
    return factor * x; // expect: [ADJ110] record component 'factor' is a private field, and its accessor factor() is declared in the record, so it may return something else; read it through a method of the record that returns it, double factorComponent() { return factor; }, called as factorComponent()
  }
}

// the fix, the class package-private, is applied in natural/Checks.java (OutOfRange)
class Adj110PrivateFailure {
  private static final class Overshoot extends RuntimeException {
    Overshoot(String message) {
      super(message);
    }
  }

  @Differentiable
  static double capped(double x) {
    if (x > 10) {
      throw new Overshoot("x = " + x); // expect: [ADJ110] Overshoot is a private class; the generated class, beside yours, cannot name it or what it holds: make Overshoot package-private
    }
    return x * x;
  }
}
