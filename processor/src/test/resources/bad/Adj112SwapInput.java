import dev.adjoint.annotations.Differentiable;

// the fix, double[] cur = u0.clone(), is applied in natural/PingPong.java
class Adj112SwapInput {
  @Differentiable
  static double step(double[] u0, double k) {
    double[] cur = u0;
    double[] nxt = new double[u0.length];
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < u0.length; i++) {
        nxt[i] = k * cur[i];
      }
      double[] t = cur;
      cur = nxt; // expect: [ADJ112] array variable 'cur' is reassigned, and its value holds 'u0', an input's or a field's array, which @Differentiable methods must not write: hold a copy instead, u0.clone()
      nxt = t;
    }
    return cur[0];
  }
}
