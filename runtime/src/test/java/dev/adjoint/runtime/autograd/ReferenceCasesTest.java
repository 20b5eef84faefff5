package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** REFERENCE.md's cases R1–R5 on the dynamic tape, with the numbers PyTorch printed. */
class ReferenceCasesTest {
  static final double[] T_C = {0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0};
  static final double[] T_U = {35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4};

  @Test
  void r1LineThroughOnePoint() {
    Tensor x = Tensor.scalar(5);
    Tensor w = Tensor.scalar(4).requiresGrad(true);
    Tensor b = Tensor.scalar(2).requiresGrad(true);
    Tensor y = x.mul(w).add(b);
    y.backward();
    assertEquals(5.0, w.grad().item());
    assertEquals(1.0, b.grad().item());
    assertEquals("tensor(22., grad_fn=<AddBackward0>)", y.toString());
  }

  @Test
  void r2VectorJacobianProduct() {
    Tensor a = Tensor.of(2, 3).requiresGrad(true);
    Tensor b = Tensor.of(6, 4).requiresGrad(true);
    Tensor q = a.pow(3).mul(3).sub(b.pow(2));
    assertEquals("SubBackward0", q.gradFn().name());
    q.backward(Tensor.of(1, 1));
    assertArrayEquals(new double[] {36, 81}, a.grad().toArray());
    assertArrayEquals(new double[] {-12, -8}, b.grad().toArray());
    assertEquals("tensor([36., 81.])", a.grad().toString());
    assertEquals("tensor([-12.,  -8.])", b.grad().toString());

    Tensor a2 = Tensor.of(2, 3).requiresGrad(true);
    Tensor b2 = Tensor.of(6, 4).requiresGrad(true);
    a2.pow(3).mul(3).sub(b2.pow(2)).sum().backward();
    assertArrayEquals(a.grad().toArray(), a2.grad().toArray());
    assertArrayEquals(b.grad().toArray(), b2.grad().toArray());
  }

  @Test
  void r3OneLayerNetworkWithBinaryCrossEntropy() {
    Generator gen = new Generator(42);
    Tensor x = Tensor.ones(5);
    Tensor y = Tensor.zeros(3);
    Tensor w = Tensor.randn(gen, DType.FLOAT32, 5, 3).requiresGrad(true);
    Tensor b = Tensor.randn(gen, DType.FLOAT32, 3).requiresGrad(true);
    Tensor z = x.matmul(w).add(b);
    Tensor loss = LossOps.binaryCrossEntropyWithLogits(z, y);
    assertEquals("AddBackward0", z.gradFn().name());
    assertEquals("BinaryCrossEntropyWithLogitsBackward0", loss.gradFn().name());
    loss.backward();
    double[] expected = z.detach().sigmoid().div(3).toArray();
    assertArrayEquals(expected, b.grad().toArray(), 1e-7);
    for (int row = 0; row < 5; row++) {
      assertArrayEquals(b.grad().toArray(), w.grad().select(0, row).toArray(), 1e-7);
    }
    assertNull(z.grad());
  }

  static Tensor model(Tensor tu, Tensor params) {
    return tu.mul(params.select(0, 0)).add(params.select(0, 1));
  }

  static Tensor loss(Tensor tp, Tensor tc) {
    return tp.sub(tc).pow(2).mean();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%f", v);
  }

  @Test
  void r4GradientAtStart() {
    Tensor params = Tensor.of(1.0, 0.0).requiresGrad(true);
    loss(model(Tensor.of(T_U), params), Tensor.of(T_C)).backward();
    assertEquals("tensor([4517.2969,   82.6000])", params.grad().toString());
  }

  @Test
  void r4Training() {
    Tensor tc = Tensor.of(T_C);
    Tensor tun = Tensor.of(T_U).mul(0.1);
    Tensor params = Tensor.of(1.0, 0.0).requiresGrad(true);
    StringBuilder log = new StringBuilder();
    for (int epoch = 1; epoch <= 5000; epoch++) {
      if (params.grad() != null) {
        params.grad().zeroInPlace();
      }
      Tensor loss = loss(model(tun, params), tc);
      loss.backward();
      try (GradMode.Scope s = GradMode.noGrad()) {
        params.subInPlace(params.grad().mul(1e-2));
      }
      if (epoch == 500 || epoch == 1000 || epoch == 2500 || epoch == 5000) {
        log.append(epoch)
            .append(' ')
            .append(params.grad())
            .append(' ')
            .append(fmt(loss.item()))
            .append('\n');
      }
    }
    assertEquals(
        "500 tensor([-0.2252,  1.2748]) 7.860116\n"
            + "1000 tensor([-0.0962,  0.5448]) 3.828538\n"
            + "2500 tensor([-0.0075,  0.0425]) 2.933134\n"
            + "5000 tensor([-9.7513e-05,  6.1291e-04]) 2.927647\n",
        log.toString());
    assertEquals("tensor([  5.3671, -17.3012], requires_grad=True)", params.toString());
  }
}
