import dev.adjoint.annotations.Differentiable;

class Adj110ObjectParameters {
  private record Hidden(double v) {}

  static final class Spring {
    private final double rest = 1;
  }

  @Differentiable
  static double hidden(Hidden h, double x) { // expect: [ADJ110] parameter 'h' of hidden has type Adj110ObjectParameters.Hidden, which the generated class cannot name: make Hidden package-private
    return x;
  }

  @Differentiable
  static double stretch(Spring s, double x) {
    return x - s.rest; // expect: [ADJ110] field 'rest' of Spring is private; the generated class cannot read it: make it package-private, or call a method of Spring that returns it
  }
}
