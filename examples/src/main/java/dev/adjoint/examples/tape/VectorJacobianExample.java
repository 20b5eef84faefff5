package dev.adjoint.examples.tape;

import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;

/**
 * R2: {@code Q = 3a³ − b²} has a vector output, so backward needs a seed v and computes the
 * vector-Jacobian product Jᵀv: a.grad = 9a², b.grad = −2b.
 */
public final class VectorJacobianExample {
  private VectorJacobianExample() {}

  /** The lines {@link #main} prints. */
  public static List<String> run() {
    Tensor a = Tensor.of(2, 3).requiresGrad(true);
    Tensor b = Tensor.of(6, 4).requiresGrad(true);
    Tensor q = a.pow(3).mul(3).sub(b.pow(2));
    q.backward(Tensor.of(1, 1));
    return List.of(
        "Q = " + q,
        "a.grad = " + a.grad(),
        "b.grad = " + b.grad(),
        "9*a**2 == a.grad: " + a.detach().pow(2).mul(9).allClose(a.grad()),
        "-2*b == b.grad: " + b.detach().mul(-2).allClose(b.grad()));
  }

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
