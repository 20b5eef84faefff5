package dev.adjoint.runtime.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.runtime.rules.OpParams;
import dev.adjoint.runtime.rules.TensorOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Adjoints#addOver} and {@link Adjoints#reluOver}, which generated forward sweeps use for a
 * temporary nothing else reads: written over the temporary where the result fits it, a new tensor
 * otherwise, and in both cases bit for bit what {@code add} and {@code relu} compute.
 */
class OverwriteTest {
  private final Generator gen = new Generator(11);

  // shapes of the temporary and of the added operand that broadcast into it
  private static final int[][][] FITTING = {
    {{64, 512}, {512}}, // a bias over a batch
    {{3, 7}, {7}},
    {{3, 7}, {1, 7}},
    {{3, 7}, {3, 1}},
    {{3, 7}, {3, 7}},
    {{2, 3, 5}, {3, 5}},
    {{2, 3, 5}, {}},
    {{5}, {5}},
    {{1, 1}, {1}},
  };

  @Test
  void addOverWritesTheSumOverTheTemporaryBitForBit() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[][] shapes : FITTING) {
        Tensor dead = Tensor.randn(gen, dtype, shapes[0]);
        Tensor other = Tensor.randn(gen, dtype, shapes[1]);
        Tensor expected = dead.add(other);
        Tensor result = Adjoints.addOver(dead, other);
        assertSame(dead, result, dtype + " " + java.util.Arrays.deepToString(shapes));
        assertArrayEquals(expected.toArray(), result.toArray(), 0.0);
      }
    }
  }

  @Test
  void addOverMakesANewTensorWhereTheSumDoesNotFit() {
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 3, 7);
    Tensor[][] cases = {
      {Tensor.randn(gen, DType.FLOAT32, 7), Tensor.randn(gen, DType.FLOAT32, 4, 1, 7)}, // widens
      {Tensor.randn(gen, DType.FLOAT32, 3, 7), Tensor.randn(gen, DType.FLOAT64, 7)}, // promotes
      {x.t(), Tensor.randn(gen, DType.FLOAT32, 3)}, // a view
      {x.narrow(0, 1, 2), Tensor.randn(gen, DType.FLOAT32, 7)}, // part of a storage
      {Tensor.randn(gen, DType.FLOAT32, 3, 7), Tensor.wrappedNumber(2.5)}, // a Java number
    };
    for (Tensor[] c : cases) {
      double[] before = c[0].toArray();
      Tensor expected = c[0].add(c[1]);
      Tensor result = Adjoints.addOver(c[0], c[1]);
      assertNotSame(c[0], result);
      assertArrayEquals(expected.shape(), result.shape());
      assertArrayEquals(expected.toArray(), result.toArray(), 0.0);
      assertArrayEquals(before, c[0].toArray(), 0.0); // left as it was
    }
  }

  @Test
  void addOverReportsShapesThatDoNotBroadcastAsAddDoes() {
    Tensor dead = Tensor.randn(gen, DType.FLOAT32, 3, 7);
    Tensor other = Tensor.randn(gen, DType.FLOAT32, 5);
    IllegalArgumentException expected =
        assertThrows(IllegalArgumentException.class, () -> dead.add(other));
    IllegalArgumentException actual =
        assertThrows(IllegalArgumentException.class, () -> Adjoints.addOver(dead, other));
    assertEquals(expected.getMessage(), actual.getMessage());
  }

  @Test
  void addOverLeavesARecordedAdditionToTheTape() {
    Tensor dead = Tensor.randn(gen, DType.FLOAT64, 2, 3);
    Tensor bias = Tensor.randn(gen, DType.FLOAT64, 3).requiresGrad(true);
    Tensor result = Adjoints.addOver(dead, bias);
    assertNotSame(dead, result);
    result.sum().backward();
    assertArrayEquals(new double[] {2, 2, 2}, bias.grad().toArray(), 0.0);
  }

  @Test
  void reluOverWritesReluOverTheTemporaryBitForBit() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] shape : new int[][] {{64, 512}, {3, 7}, {17}, {1}}) {
        Tensor dead = Tensor.randn(gen, dtype, shape);
        if (dead.numel() > 2) {
          // the edge values: -0 becomes +0, NaN stays NaN
          dead.storage().set(0, -0.0);
          dead.storage().set(1, Double.NaN);
        }
        Tensor expected = dead.relu();
        Tensor result = Adjoints.reluOver(dead);
        assertSame(dead, result);
        assertBitsEqual(expected, result);
      }
    }
    Tensor view = Tensor.randn(gen, DType.FLOAT32, 4, 6).t();
    Tensor expected = view.relu();
    Tensor result = Adjoints.reluOver(view);
    assertNotSame(view, result);
    assertBitsEqual(expected, result);
  }

  @Test
  void reluPartialOverWritesTheRulesGradientOverTheResultBitForBit() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] shape : new int[][] {{64, 512}, {3, 7}, {17}, {1}}) {
        Tensor x = Tensor.randn(gen, dtype, shape);
        Tensor g = Tensor.randn(gen, dtype, shape);
        if (x.numel() > 3) {
          // the edge values: -0 and NaN get no gradient; a NaN gradient passes where x > 0
          x.storage().set(0, -0.0);
          x.storage().set(1, Double.NaN);
          x.storage().set(2, 1.5);
          g.storage().set(2, Double.NaN);
        }
        Tensor y = x.relu();
        Tensor expected = Adjoints.partial(TensorOp.RELU, OpParams.none(), y, g, 0, x);
        Tensor result = Adjoints.reluPartialOver(y, g, x);
        assertSame(y, result);
        assertBitsEqual(expected, result);
      }
    }
    // a gradient of another type, or a result that is a view: a new tensor, y left as it was
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 4, 6);
    Tensor[][] cases = {
      {x.relu(), Tensor.randn(gen, DType.FLOAT64, 4, 6)},
      {x.relu().t(), Tensor.randn(gen, DType.FLOAT32, 6, 4)},
    };
    for (Tensor[] c : cases) {
      double[] before = c[0].toArray();
      Tensor operand = c[0].dim() == 2 && c[0].isContiguous() ? x : x.t();
      Tensor expected = Adjoints.partial(TensorOp.RELU, OpParams.none(), c[0], c[1], 0, operand);
      Tensor result = Adjoints.reluPartialOver(c[0], c[1], operand);
      assertNotSame(c[0], result);
      assertBitsEqual(expected, result);
      assertArrayEquals(before, c[0].toArray(), 0.0);
    }
  }

  @Test
  void logSoftmaxPartialOverWritesTheRulesGradientOverTheResult() {
    int[][] shapes = {{64, 10}, {3, 7}, {2, 3, 5}, {9}, {1, 1}};
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (int[] shape : shapes) {
        for (int dim = 0; dim < shape.length; dim++) {
          Tensor x = Tensor.randn(gen, dtype, shape).mul(3);
          Tensor y = x.logSoftmax(dim);
          OpParams params = Adjoints.dimension(x, dim);
          for (boolean viewedGradient : new boolean[] {false, true}) {
            Tensor g = Tensor.randn(gen, dtype, shape);
            if (viewedGradient && shape.length >= 2) {
              // a gradient laid out by columns: the same values, other strides
              int last = shape.length - 1;
              g = g.transpose(last - 1, last).contiguous().transpose(last - 1, last);
            }
            Tensor target = y.copy();
            Tensor expected = Adjoints.partial(TensorOp.LOG_SOFTMAX, params, target, g, 0, x);
            Tensor result = Adjoints.logSoftmaxPartialOver(target, g, params, x);
            assertSame(target, result);
            if (dtype == DType.FLOAT64) {
              assertBitsEqual(expected, result); // the same operations in the same order
            } else {
              // float32: exp may be the vector kernel's, a few ulps from Math.exp
              assertArrayEquals(expected.toArray(), result.toArray(), 1e-6);
            }
          }
        }
      }
    }
    // a gradient of another type: a new tensor, y left as it was
    Tensor x = Tensor.randn(gen, DType.FLOAT32, 4, 6);
    Tensor y = x.logSoftmax(1);
    double[] before = y.toArray();
    Tensor g = Tensor.randn(gen, DType.FLOAT64, 4, 6);
    OpParams params = Adjoints.dimension(x, 1);
    Tensor result = Adjoints.logSoftmaxPartialOver(y, g, params, x);
    assertNotSame(y, result);
    assertBitsEqual(Adjoints.partial(TensorOp.LOG_SOFTMAX, params, y, g, 0, x), result);
    assertArrayEquals(before, y.toArray(), 0.0);
  }

  private static void assertBitsEqual(Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    for (int i = 0; i < e.length; i++) {
      assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]), "at " + i);
    }
  }
}
