import dev.adjoint.annotations.Differentiable;

class Adj102ObjectParameters {
  record Point(double x, double y) {
    double distanceTo(Point o) {
      return Math.hypot(x - o.x, y - o.y);
    }
  }

  @Differentiable
  static double nearer(Point p, Point q, double k) {
    p = q; // expect: [ADJ102] assigning a record or object parameter ('p') is not supported in @Differentiable methods; read the values you need from the parameters themselves
    return k * p.x();
  }

  @Differentiable
  static double distance(Point p, Point q, double k) {
    return k * p.distanceTo(q); // expect: [ADJ102] a call with arguments on parameter 'p' is not supported in @Differentiable methods; call methods without arguments on it (its getters), or pass the value as a double
  }
}
