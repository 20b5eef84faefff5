package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The matrix product's backward for operands stored by columns (a transposed view, as in {@code
 * Linear}): the gradient is computed in the operand's layout, and must equal the plain rule's
 * {@code Ḡ·Bᵀ} and {@code Aᵀ·Ḡ} (here evaluated without the tape).
 */
class MatmulLayoutTest {
  private final Generator gen = new Generator(5);

  @Test
  void weightGradientsThroughATransposeAreContiguousAndCorrect() {
    int[][] sizes = {{3, 7, 5}, {1, 4, 6}, {6, 1, 3}, {5, 8, 1}, {64, 33, 17}, {2, 2, 2}};
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double tol = dtype == DType.FLOAT32 ? 1e-4 : 1e-12;
      for (int[] s : sizes) {
        int m = s[0];
        int k = s[1];
        int n = s[2];
        // y = x · Wᵀ (Linear), both operands requiring grad
        Tensor x = Tensor.randn(gen, dtype, m, k).requiresGrad(true);
        Tensor w = Tensor.randn(gen, dtype, n, k).requiresGrad(true);
        Tensor r = Tensor.randn(gen, dtype, m, n);
        x.matmul(w.t()).mul(r).sum().backward();
        Tensor expectedW = r.t().matmul(x.detach()); // (Ḡᵀ·x) = (xᵀ·Ḡ)ᵀ
        Tensor expectedX = r.matmul(w.detach());
        assertTrue(w.grad().isContiguous());
        assertArrayEquals(expectedW.toArray(), w.grad().toArray(), tol);
        assertArrayEquals(expectedX.toArray(), x.grad().toArray(), tol);

        // y = Xᵀ · B with X stored k x m: the left operand by columns
        Tensor xs = Tensor.randn(gen, dtype, k, m).requiresGrad(true);
        Tensor b = Tensor.randn(gen, dtype, k, n).requiresGrad(true);
        xs.t().matmul(b).mul(r).sum().backward();
        Tensor expectedXs = b.detach().matmul(r.t()); // (Ḡ·Bᵀ)ᵀ
        Tensor expectedB = xs.detach().matmul(r);
        assertTrue(xs.grad().isContiguous());
        assertArrayEquals(expectedXs.toArray(), xs.grad().toArray(), tol);
        assertArrayEquals(expectedB.toArray(), b.grad().toArray(), tol);

        // a second backward accumulates into the same gradients
        x.matmul(w.t()).mul(r).sum().backward();
        assertArrayEquals(expectedW.mul(2).toArray(), w.grad().toArray(), 2 * tol);
      }
    }
  }
}
