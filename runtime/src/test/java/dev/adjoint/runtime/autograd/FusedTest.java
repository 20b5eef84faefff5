package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Fused elementwise passes against the same expression evaluated operation by operation. */
class FusedTest {
  private final Generator gen = new Generator(11);

  @Test
  void float64MatchesTheOperationByOperationValuesExactly() {
    Tensor g = Tensor.randn(gen, DType.FLOAT64, 3, 4);
    Tensor y = Tensor.randn(gen, DType.FLOAT64, 3, 4).tanh();
    Tensor fused = Fused.map(g, y, (gv, yv) -> gv * (1.0 - yv * yv));
    Tensor stepwise = g.mul(y.mul(y).rsub(1));
    assertTrue(fused.allClose(stepwise, 0, 0), fused + " vs " + stepwise);
    assertEquals(DType.FLOAT64, fused.dtype());
  }

  @Test
  void operandsBroadcastAndMayBeViews() {
    Tensor m = Tensor.randn(gen, DType.FLOAT64, 4, 3).t(); // a transposed view, [3, 4]
    Tensor row = Tensor.randn(gen, DType.FLOAT64, 4);
    Tensor column = Tensor.randn(gen, DType.FLOAT64, 3, 1);
    Tensor fused = Fused.map(m, row, column, (a, b, c) -> a * b + c);
    assertArrayEquals(new int[] {3, 4}, fused.shape());
    assertTrue(fused.allClose(m.mul(row).add(column), 0, 0));
  }

  @Test
  void float32RoundsOnceAndStaysFloat32() {
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 50);
    Tensor fused = Fused.map(x, v -> Math.exp(v) * Math.sin(v));
    assertEquals(DType.FLOAT32, fused.dtype());
    double[] in = x.toArray();
    double[] out = fused.toArray();
    for (int i = 0; i < in.length; i++) {
      assertEquals((float) (Math.exp(in[i]) * Math.sin(in[i])), (float) out[i], 0f);
    }
    // mixed precision widens, as elementwise operations do
    Tensor wide = Fused.map(x, Tensor.ones(DType.FLOAT64, 50), (a, b) -> a + b);
    assertEquals(DType.FLOAT64, wide.dtype());
  }

  @Test
  void rejectsNonFloatingOperandsAndMismatchedShapes() {
    Tensor x = Tensor.randn(gen, DType.FLOAT64, 3);
    IllegalArgumentException integers =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fused.map(x, Tensor.ofLongs(1, 2, 3), (a, b) -> a + b));
    assertTrue(integers.getMessage().contains("INT64"), integers.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Fused.map(x, Tensor.randn(gen, DType.FLOAT64, 4), (a, b) -> a + b));
  }
}
