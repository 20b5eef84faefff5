package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Non-differentiable points follow PyTorch; losses stay finite where naive formulas overflow. */
class EdgeCasesTest {
  private static Tensor leaf(double... values) {
    return Tensor.fromArray(DType.FLOAT64, values, values.length).requiresGrad(true);
  }

  @Test
  void tiesOfAMaximumShareTheGradient() {
    Tensor x = leaf(1, 3, 3);
    x.max().backward();
    assertArrayEquals(new double[] {0, 0.5, 0.5}, x.grad().toArray());
  }

  @Test
  void reluAbsAndClampAtTheirKinks() {
    Tensor x = leaf(-1, 0, 2);
    x.relu().sum().backward();
    assertArrayEquals(new double[] {0, 0, 1}, x.grad().toArray());
    Tensor y = leaf(-1, 0, 2);
    y.abs().sum().backward();
    assertArrayEquals(new double[] {-1, 0, 1}, y.grad().toArray());
    Tensor z = leaf(-2, -1, 0, 1, 2);
    z.clamp(-1, 1).sum().backward();
    assertArrayEquals(new double[] {0, 1, 1, 1, 0}, z.grad().toArray());
  }

  @Test
  void powHasNoExponentGradientAtBaseZero() {
    Tensor base = leaf(0, 2);
    Tensor exponent = leaf(2, 3);
    base.pow(exponent).sum().backward();
    assertArrayEquals(new double[] {0, 12}, base.grad().toArray());
    assertArrayEquals(new double[] {0, 8 * Math.log(2)}, exponent.grad().toArray(), 1e-12);
  }

  @Test
  void binaryCrossEntropyWithLogitsIsStableForLargeLogits() {
    Tensor x = leaf(1000, -1000);
    Tensor loss = Losses.binaryCrossEntropyWithLogits(x, Tensor.of(0, 0).to(DType.FLOAT64));
    assertEquals(500.0, loss.item(), 1e-9);
    loss.backward();
    assertArrayEquals(new double[] {0.5, 0}, x.grad().toArray(), 1e-12);
  }

  @Test
  void crossEntropyMatchesItsDefinitionAndIsStable() {
    Tensor logits =
        Tensor.fromArray(DType.FLOAT64, new double[] {1, 2, 3, 1000, 0, -1000}, 2, 3)
            .requiresGrad(true);
    Tensor target = Tensor.ofLongs(2, 0);
    Tensor loss = Losses.crossEntropy(logits, target);
    double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    assertEquals(first / 2, loss.item(), 1e-12);
    assertEquals("NllLossBackward0", loss.gradFn().name());
    loss.backward();
    double[] g = logits.grad().toArray();
    assertTrue(Double.isFinite(g[3]) && Math.abs(g[3]) < 1e-12);
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertEquals((Math.exp(3) / sum - 1) / 2, g[2], 1e-12);
  }

  @Test
  void mseLossMatchesTheSquaredMean() {
    Tensor x = leaf(1, 2, 3);
    Tensor t = Tensor.fromArray(DType.FLOAT64, new double[] {0, 0, 1}, 3);
    Tensor loss = Losses.mse(x, t);
    assertEquals((1 + 4 + 4) / 3.0, loss.item(), 1e-12);
    loss.backward();
    assertArrayEquals(new double[] {2 / 3.0, 4 / 3.0, 4 / 3.0}, x.grad().toArray(), 1e-12);
  }
}
