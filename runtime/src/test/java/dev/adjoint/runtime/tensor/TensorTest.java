package dev.adjoint.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout, views, broadcasting, factories, printing and errors of {@link Tensor}. */
class TensorTest {
  private static Tensor m23() {
    return Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
  }

  @Test
  void factoriesAndLayout() {
    Tensor t = m23();
    assertArrayEquals(new int[] {2, 3}, t.shape());
    assertArrayEquals(new int[] {3, 1}, t.strides());
    assertEquals(DType.FLOAT32, t.dtype());
    assertEquals(6, t.numel());
    assertEquals(6.0, t.get(1, 2));
    assertEquals(6.0, t.get(-1, -1));
    assertArrayEquals(new double[] {0, 0}, Tensor.zeros(2).toArray());
    assertArrayEquals(new double[] {1, 1}, Tensor.ones(DType.FLOAT64, 2).toArray());
    assertArrayEquals(new double[] {7, 7}, Tensor.full(7, 1, 2).toArray());
    assertArrayEquals(new double[] {0, 1, 2}, Tensor.arange(3).toArray());
    assertArrayEquals(new double[] {1, 1.5}, Tensor.arange(1, 2, 0.5).toArray());
    assertEquals(3.0, Tensor.scalar(3).item());
    assertThrows(IllegalStateException.class, () -> Tensor.of(1, 2).item());
  }

  @Test
  void seededRandomNumbersRepeat() {
    Tensor a = Tensor.randn(new Generator(3), DType.FLOAT32, 4);
    Tensor b = Tensor.randn(new Generator(3), DType.FLOAT32, 4);
    assertTrue(a.allClose(b, 0, 0));
    double[] u = Tensor.rand(new Generator(1), DType.FLOAT64, 100).toArray();
    for (double v : u) {
      assertTrue(v >= 0 && v < 1);
    }
  }

  @Test
  void viewsShareStorage() {
    Tensor t = m23();
    Tensor tt = t.t();
    assertSame(t.storage(), tt.storage());
    assertFalse(tt.isContiguous());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, tt.toArray());
    assertArrayEquals(new double[] {2, 3, 5, 6}, t.narrow(1, 1, 2).toArray());
    assertArrayEquals(new double[] {4, 5, 6}, t.select(0, 1).toArray());
    assertArrayEquals(new double[] {3, 6}, t.slice(1, -1, 3).toArray());
    assertArrayEquals(new int[] {2, 1, 3}, t.unsqueeze(1).shape());
    assertArrayEquals(new int[] {2, 3}, t.unsqueeze(0).squeeze().shape());
    assertArrayEquals(new int[] {3, 2}, t.reshape(3, -1).shape());
    assertSame(t.storage(), t.view(6).storage());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, tt.contiguous().toArray());
    assertTrue(tt.contiguous().isContiguous());
    Tensor e = Tensor.of(1, 2).unsqueeze(1).expand(2, 3);
    assertArrayEquals(new int[] {1, 0}, e.strides());
    assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2}, e.toArray());
    assertArrayEquals(new int[] {3, 2, 2}, Tensor.zeros(2, 2, 3).permute(2, 0, 1).shape());
  }

  @Test
  void inPlaceWritesShowThroughViewsAndBumpTheVersion() {
    Tensor t = m23();
    int before = t.storage().version();
    t.select(0, 0).fillInPlace(0);
    assertArrayEquals(new double[] {0, 0, 0, 4, 5, 6}, t.toArray());
    assertEquals(before + 1, t.storage().version());
  }

  @Test
  void broadcastingFollowsNumPy() {
    Tensor col = Tensor.of(1, 2).reshape(2, 1);
    Tensor row = Tensor.of(10, 20, 30);
    Tensor sum = col.add(row);
    assertArrayEquals(new int[] {2, 3}, sum.shape());
    assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32}, sum.toArray());
    assertArrayEquals(new double[] {2, 4, 6}, row.div(5).toArray(), 1e-6);
    assertEquals(DType.FLOAT32, row.mul(2.5).dtype());
    assertEquals(DType.FLOAT64, row.mul(Tensor.ones(DType.FLOAT64, 3)).dtype());
  }

  @Test
  void shapeMismatchNamesTheOperationAndBothShapes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m23().add(Tensor.of(1, 2)));
    assertTrue(e.getMessage().startsWith("add:"), e::getMessage);
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"));
    e = assertThrows(IllegalArgumentException.class, () -> m23().matmul(m23()));
    assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[2, 3]"));
    e = assertThrows(IllegalArgumentException.class, () -> m23().reshape(4, 2));
    assertTrue(e.getMessage().contains("reshape") && e.getMessage().contains("[4, 2]"));
    e = assertThrows(IllegalArgumentException.class, () -> m23().t().view(6));
    assertTrue(e.getMessage().contains("not contiguous"), e::getMessage);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tensor.cat(List.of(m23(), Tensor.zeros(3, 2)), 0));
    assertTrue(e.getMessage().contains("cat") && e.getMessage().contains("[3, 2]"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0));
    assertTrue(e.getMessage().contains("stack") && e.getMessage().contains("[3]"));
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1, 2).expand(3));
    assertTrue(e.getMessage().contains("expand"), e::getMessage);
  }

  @Test
  void matmulCases() {
    Tensor a = m23();
    assertArrayEquals(new double[] {14, 32}, a.matmul(Tensor.of(1, 2, 3)).toArray());
    assertArrayEquals(new double[] {9, 12, 15}, Tensor.of(1, 2).matmul(a).toArray());
    assertEquals(14.0, Tensor.of(1, 2, 3).matmul(Tensor.of(1, 2, 3)).item());
    assertArrayEquals(new double[] {14, 32, 32, 77}, a.matmul(a.t()).toArray());
    Tensor batch = Tensor.stack(List.of(a, a.mul(2)), 0);
    assertArrayEquals(
        new double[] {14, 32, 32, 77, 28, 64, 64, 154}, batch.matmul(a.t()).toArray());
  }

  @Test
  void reductionsAndSoftmax() {
    Tensor a = m23();
    assertEquals(21.0, a.sum().item());
    assertArrayEquals(new double[] {5, 7, 9}, a.sum(0).toArray());
    assertArrayEquals(new int[] {2, 1}, a.sum(new int[] {1}, true).shape());
    assertArrayEquals(new double[] {2, 5}, a.mean(1).toArray());
    assertEquals(6.0, a.max().item());
    assertArrayEquals(new double[] {3, 6}, a.max(1).toArray());
    double[] p = Tensor.of(1000, 1000).softmax(0).toArray();
    assertArrayEquals(new double[] {0.5, 0.5}, p);
    assertArrayEquals(
        new double[] {-Math.log(2), -Math.log(2)},
        Tensor.of(-1e4, -1e4).logSoftmax(0).toArray(),
        1e-6);
  }

  @Test
  void indexingAndMasks() {
    Tensor a = m23();
    assertArrayEquals(
        new double[] {4, 5, 6, 4, 5, 6}, a.indexSelect(0, Tensor.ofLongs(1, 1)).toArray());
    Tensor idx = Tensor.fromArray(DType.INT64, new double[] {2, 0}, 2, 1);
    assertArrayEquals(new double[] {3, 4}, a.gather(1, idx).toArray());
    Tensor mask = a.gt(3);
    assertEquals(DType.BOOL, mask.dtype());
    assertArrayEquals(new double[] {1, 2, 3, 0, 0, 0}, a.maskedFill(mask, 0).toArray());
    assertArrayEquals(new double[] {1, 2, 3, -4, -5, -6}, Tensor.where(mask, a.neg(), a).toArray());
    assertArrayEquals(new double[] {2, 2, 3, 4, 4, 4}, a.clamp(2, 4).toArray());
    assertArrayEquals(new double[] {0, 0, 1}, Tensor.of(-1, 0, 1).relu().toArray());
    assertThrows(IndexOutOfBoundsException.class, () -> a.indexSelect(0, Tensor.ofLongs(2)));
  }

  @Test
  void printsLikePyTorch() {
    assertEquals("tensor([36., 81.])", Tensor.of(36, 81).toString());
    assertEquals("tensor([0.2514, 0.1588, 0.2938])", Tensor.of(0.2514, 0.1588, 0.2938).toString());
    assertEquals(
        "tensor([-9.7513e-05,  6.1291e-04])", Tensor.of(-9.7513e-05, 6.1291e-04).toString());
    assertEquals("tensor([[1., 2., 3.],\n        [4., 5., 6.]])", m23().toString());
    assertEquals("tensor(5.)", Tensor.scalar(5).toString());
    assertEquals(
        "tensor([1.5000], dtype=torch.float64)",
        Tensor.fromArray(DType.FLOAT64, new double[] {1.5}, 1).toString());
    assertEquals(
        "tensor([1., 2.], requires_grad=True)", Tensor.of(1, 2).requiresGrad(true).toString());
    assertEquals("tensor([ True, False])", Tensor.of(1, 0).gt(0.5).toString());
    assertEquals("tensor([3, 1])", Tensor.ofLongs(3, 1).toString());
    assertEquals(
        "tensor([   0.,    1.,    2.,  ..., 1997., 1998., 1999.])", Tensor.arange(2000).toString());
    assertEquals(
        "tensor([[   0.,    1.,    2.,  ...,   47.,   48.,   49.],\n"
            + "        [  50.,   51.,   52.,  ...,   97.,   98.,   99.],\n"
            + "        [ 100.,  101.,  102.,  ...,  147.,  148.,  149.],\n"
            + "        ...,\n"
            + "        [1850., 1851., 1852.,  ..., 1897., 1898., 1899.],\n"
            + "        [1900., 1901., 1902.,  ..., 1947., 1948., 1949.],\n"
            + "        [1950., 1951., 1952.,  ..., 1997., 1998., 1999.]])",
        Tensor.arange(2000).reshape(40, 50).toString());
  }

  @Test
  void allCloseHelpers() {
    Tensor a = Tensor.of(1, 2);
    assertTrue(a.allClose(Tensor.of(1, 2.000001)));
    assertFalse(a.allClose(Tensor.of(1, 2.1)));
    assertFalse(a.allClose(Tensor.of(1, 2, 3)));
    assertTrue(a.allClose(new double[] {1, 2}, 0));
  }
}
