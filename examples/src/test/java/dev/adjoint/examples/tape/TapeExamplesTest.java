package dev.adjoint.examples.tape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tape examples print PyTorch's numbers (REFERENCE.md R2–R5). */
class TapeExamplesTest {
  @Test
  void r2() {
    List<String> lines = VectorJacobianExample.run();
    assertEquals("a.grad = tensor([36., 81.])", lines.get(1));
    assertEquals("b.grad = tensor([-12.,  -8.])", lines.get(2));
    assertEquals("9*a**2 == a.grad: true", lines.get(3));
    assertEquals("-2*b == b.grad: true", lines.get(4));
  }

  @Test
  void r3() {
    for (long seed = 0; seed < 5; seed++) {
      OneLayerNetworkExample.Result r = OneLayerNetworkExample.compute(seed);
      assertEquals("AddBackward0", r.z().gradFn().name());
      assertEquals("BinaryCrossEntropyWithLogitsBackward0", r.loss().gradFn().name());
      double[] b = r.b().grad().toArray();
      assertArrayEquals(r.z().detach().sigmoid().div(3).toArray(), b, 1e-7);
      for (int row = 0; row < 5; row++) {
        assertArrayEquals(b, r.w().grad().select(0, row).toArray(), 1e-7);
      }
    }
    assertEquals(
        "Gradient function for loss = <BinaryCrossEntropyWithLogitsBackward0>",
        OneLayerNetworkExample.run().get(1));
  }

  @Test
  void r4() {
    assertEquals("tensor([4517.2969,   82.6000])", TemperatureExample.gradientAtStart().toString());
    List<String> lines = TemperatureExample.train(5000);
    assertEquals("Epoch 500, Loss 7.860116", lines.get(0));
    assertEquals("    Grad:   tensor([-0.2252,  1.2748])", lines.get(1));
    assertEquals("Epoch 1000, Loss 3.828538", lines.get(2));
    assertEquals("    Grad:   tensor([-0.0962,  0.5448])", lines.get(3));
    assertEquals("Epoch 2500, Loss 2.933134", lines.get(8));
    assertEquals("    Grad:   tensor([-0.0075,  0.0425])", lines.get(9));
    assertEquals("Epoch 5000, Loss 2.927647", lines.get(18));
    assertEquals("    Grad:   tensor([-9.7513e-05,  6.1291e-04])", lines.get(19));
    assertEquals("params = tensor([  5.3671, -17.3012], requires_grad=True)", lines.get(20));
  }

  @Test
  void r5() {
    for (long seed = 0; seed < 3; seed++) {
      LineFitExample.Result r = LineFitExample.fit(seed);
      assertTrue(r.firstLoss() > 1.2e6 && r.firstLoss() < 1.45e6, () -> "first " + r);
      assertTrue(r.lastLoss() > 1 && r.lastLoss() < 20, () -> "last " + r);
      assertTrue(r.w() > 20.0 && r.w() < 20.2, () -> "w " + r);
      assertTrue(Math.abs(r.b()) < 0.5, () -> "b " + r);
    }
  }
}
