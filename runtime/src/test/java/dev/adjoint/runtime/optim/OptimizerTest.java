package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Three steps on loss = p² (gradient 2p) from p = 1, against values computed by hand from PyTorch's
 * documented update rules (SGD) or by an independent scalar transcription of them (Adam).
 */
class OptimizerTest {
  private static double[] run(Function<List<Tensor>, Optimizer> make) {
    Tensor p = Tensor.fromArray(DType.FLOAT64, new double[] {1}, 1).requiresGrad(true);
    Optimizer opt = make.apply(List.of(p));
    double[] trace = new double[3];
    for (int step = 0; step < 3; step++) {
      opt.zeroGrad();
      p.mul(p).sum().backward();
      opt.step();
      trace[step] = p.item();
    }
    return trace;
  }

  @Test
  void sgdMomentum() {
    // b₁ = g₁ = 2, p = 0.8; b₂ = 0.9·2 + 1.6 = 3.4, p = 0.46; b₃ = 0.9·3.4 + 0.92 = 3.98, p = 0.062
    assertArrayEquals(
        new double[] {0.8, 0.46, 0.062}, run(p -> new Sgd(p, 0.1, 0.9, 0, 0, false)), 1e-12);
  }

  @Test
  void sgdNesterov() {
    // b₁ = 2, g' = 2 + 1.8 = 3.8, p = 0.62; g₂ = 1.24, b₂ = 1.8 + 1.24 = 3.04, g' = 1.24 + 2.736 =
    // 3.976, p = 0.2224; g₃ = 0.4448, b₃ = 2.736 + 0.4448 = 3.1808, g' = 0.4448 + 2.86272 =
    // 3.30752, p = -0.108352
    assertArrayEquals(
        new double[] {0.62, 0.2224, -0.108352}, run(p -> new Sgd(p, 0.1, 0.9, 0, 0, true)), 1e-12);
  }

  @Test
  void sgdDampeningAndWeightDecay() {
    // g = 2p + 0.1p; b₁ = g₁ (no dampening on the first step); b = 0.9·b + 0.5·g after
    assertArrayEquals(
        new double[] {0.79, 0.51805, 0.21889975},
        run(p -> new Sgd(p, 0.1, 0.9, 0.5, 0.1, false)),
        1e-12);
  }

  @Test
  void plainSgd() {
    assertArrayEquals(new double[] {0.8, 0.64, 0.512}, run(p -> new Sgd(p, 0.1)), 1e-12);
  }

  @Test
  void adam() {
    assertArrayEquals(
        new double[] {0.9000000005, 0.8004122286917927, 0.7015862729460302},
        run(p -> new Adam(p, 0.1)),
        1e-12);
  }

  @Test
  void adamWithL2WeightDecay() {
    assertArrayEquals(
        new double[] {0.9000000004761904, 0.8004122286431954, 0.7015862728718214},
        run(p -> new Adam(p, 0.1, 0.9, 0.999, 1e-8, 0.1, false)),
        1e-12);
  }

  @Test
  void adamW() {
    assertArrayEquals(
        new double[] {0.8900000004999999, 0.7815718559365048, 0.6751012216400698},
        run(p -> new AdamW(p, 0.1, 0.9, 0.999, 1e-8, 0.1, false)),
        1e-12);
  }

  @Test
  void amsgradOnAMonotoneCaseEqualsAdam() {
    assertArrayEquals(
        run(p -> new Adam(p, 0.1)), run(p -> new Adam(p, 0.1, 0.9, 0.999, 1e-8, 0, true)), 0);
  }

  @Test
  void zeroGradDropsGradientsAndStepSkipsParametersWithoutOne() {
    Tensor p = Tensor.of(1).requiresGrad(true);
    Sgd sgd = new Sgd(List.of(p), 0.1);
    p.mul(2).sum().backward();
    sgd.zeroGrad();
    assertNull(p.grad());
    sgd.step();
    assertEquals(1.0, p.item());
  }

  @Test
  void invalidSettingsAreRejected() {
    Tensor p = Tensor.of(1).requiresGrad(true);
    assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1, 0, 0, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), -1));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(Tensor.of(1)), 0.1));
  }
}
