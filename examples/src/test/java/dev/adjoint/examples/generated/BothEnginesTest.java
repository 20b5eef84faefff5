package dev.adjoint.examples.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.tape.OneLayerNetworkExample;
import dev.adjoint.runtime.nn.Losses;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** R3 and R5 through the generated adjoints, checked against the dynamic tape in float64. */
class BothEnginesTest {
  @Test
  void referenceR3OneLayerNetworkAgreesWithTheTape() {
    Generator gen = new Generator(7);
    Tensor w = Tensor.randn(gen, DType.FLOAT64, 5, 3).requiresGrad(true);
    Tensor b = Tensor.randn(gen, DType.FLOAT64, 3).requiresGrad(true);
    Tensor x = Tensor.ones(DType.FLOAT64, 5);
    Tensor y = Tensor.zeros(DType.FLOAT64, 3);
    Tensor z = x.matmul(w).add(b);
    Tensor loss = Losses.binaryCrossEntropyWithLogits(z, y);
    loss.backward();

    double[] wData = w.detach().contiguous().toArray();
    double[] bData = b.detach().toArray();
    OneLayerNetworkGrad.LossGradient g =
        OneLayerNetworkGrad.loss(x.toArray(), wData, bData, y.toArray());
    assertEquals(loss.item(), g.value(), 1e-12);
    double[] tapeW = w.grad().contiguous().toArray();
    double[] tapeB = b.grad().toArray();
    for (int k = 0; k < tapeW.length; k++) {
      assertEquals(tapeW[k], g.w()[k], 1e-9 * Math.max(1, Math.abs(tapeW[k])), "dW[" + k + "]");
    }
    for (int j = 0; j < 3; j++) {
      assertEquals(tapeB[j], g.b()[j], 1e-9, "db[" + j + "]");
      // R3's identity: x is all ones, so every row of w.grad equals b.grad = sigmoid(z)/3
      double zj = z.detach().toArray()[j];
      assertEquals(1 / (1 + Math.exp(-zj)) / 3, g.b()[j], 1e-12);
      for (int i = 0; i < 5; i++) {
        assertEquals(g.b()[j], g.w()[i * 3 + j], 1e-15);
      }
    }
    assertTrue(OneLayerNetworkExample.run().get(1).contains("BinaryCrossEntropyWithLogits"));
  }

  @Test
  void referenceR5LineFitConvergesAsDescribed() {
    Generator gen = new Generator(0);
    double[] x = new double[99];
    double[] y = new double[99];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
      y[i] = 20 * x[i] + 5 + Math.floor(gen.nextUniform(-2, 4)); // integer offset in [-2, 3]
    }
    double[] fit = LineFit.fit(x, y);
    assertTrue(fit[0] > 1.0e6 && fit[0] < 1.6e6, "first loss " + fit[0]);
    assertTrue(fit[1] < 20, "last loss " + fit[1]);
    assertEquals(20.1, fit[2], 0.1, "w");
    assertTrue(Math.abs(fit[3]) < 1, "b stays small: " + fit[3]);

    // the tape's fit on the same data agrees
    dev.adjoint.examples.tape.LineFitExample.Result tape =
        dev.adjoint.examples.tape.LineFitExample.fit(0);
    assertEquals(tape.w(), fit[2], 1e-3);
    assertEquals(tape.lastLoss(), fit[1], 1e-2 * tape.lastLoss());
  }
}
