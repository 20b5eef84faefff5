package dev.adjoint.examples.generated;

import dev.adjoint.annotations.Differentiable;
import java.util.Arrays;

/**
 * REFERENCE.md R2: {@code Q = 3a³ - b²} elementwise, a vector result. Its pullback with the seed
 * {@code v = [1, 1]} is the vector-Jacobian product {@code Jᵀv}, as {@code Q.backward(gradient=v)}:
 * {@code a.grad = 9a²}, {@code b.grad = -2b}.
 */
public final class VectorJacobian {
  private VectorJacobian() {}

  /** {@code q[i] = 3 a[i]³ - b[i]²}. */
  @Differentiable
  public static double[] q(double[] a, double[] b) {
    double[] q = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      q[i] = 3 * a[i] * a[i] * a[i] - b[i] * b[i];
    }
    return q;
  }

  /** Prints Q, a.grad and b.grad for a = [2, 3], b = [6, 4], v = [1, 1]. */
  public static void main(String[] args) {
    VectorJacobianGrad.QGradient g =
        VectorJacobianGrad.q(new double[] {2, 3}, new double[] {6, 4}, new double[] {1, 1});
    System.out.println("Q = " + Arrays.toString(g.value()));
    System.out.println("a.grad = " + Arrays.toString(g.a()));
    System.out.println("b.grad = " + Arrays.toString(g.b()));
  }
}
