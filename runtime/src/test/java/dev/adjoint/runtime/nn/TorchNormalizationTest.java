package dev.adjoint.runtime.nn;

import static dev.adjoint.runtime.nn.Torch.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Generator;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch norm, dropout and flatten against libtorch: batch norm's result, the gradients of input,
 * weight and bias, and the running statistics after the update, in training and evaluation, float64
 * (relative 1e-10) and float32 (1e-5); dropout's and flatten's semantics and node names.
 */
class TorchNormalizationTest {
  private static final Generator GEN = new Generator(41);

  static Stream<Arguments> batchNormCases() {
    List<Arguments> out = new ArrayList<>();
    int[][] shapes = {{4, 3}, {2, 5, 7}, {2, 3, 4, 5}, {3, 17, 5, 3}, {1, 2, 3, 3}, {8, 64, 2, 2}};
    for (int[] shape : shapes) {
      for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
        for (boolean training : new boolean[] {true, false}) {
          out.add(Arguments.of(type, shape, training, true, true));
        }
      }
    }
    out.add(Arguments.of(DType.FLOAT64, new int[] {3, 4, 2, 2}, true, false, true));
    out.add(Arguments.of(DType.FLOAT32, new int[] {3, 4, 2, 2}, true, true, false));
    out.add(Arguments.of(DType.FLOAT64, new int[] {3, 4, 2, 2}, false, false, true));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("batchNormCases")
  void batchNorm(DType type, int[] shape, boolean training, boolean affine, boolean tracked) {
    int c = shape[1];
    double tol = type == DType.FLOAT64 ? 1e-10 : 1e-5;
    double momentum = 0.3;
    double eps = 1e-3;
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.randn(GEN, type, shape).mul(3).add(2).detach().requiresGrad(true);
      Tensor w = Tensor.randn(GEN, type, c).requiresGrad(true);
      Tensor b = Tensor.randn(GEN, type, c).requiresGrad(true);
      Tensor rm = Tensor.randn(GEN, type, c);
      Tensor rv = Tensor.rand(GEN, type, c).add(0.5);
      org.bytedeco.pytorch.Tensor tx = Torch.of(x, true);
      org.bytedeco.pytorch.Tensor tw = Torch.of(w, true);
      org.bytedeco.pytorch.Tensor tb = Torch.of(b, true);
      org.bytedeco.pytorch.Tensor trm = Torch.of(rm, false);
      org.bytedeco.pytorch.Tensor trv = Torch.of(rv, false);
      int versionBefore = rm.storage().version();

      Tensor y =
          Functional.batchNorm(
              x,
              tracked ? rm : null,
              tracked ? rv : null,
              affine ? w : null,
              affine ? b : null,
              training,
              momentum,
              eps);
      org.bytedeco.pytorch.Tensor ty =
          torch.batch_norm(
              tx,
              affine ? new TensorOptional(tw) : new TensorOptional(),
              affine ? new TensorOptional(tb) : new TensorOptional(),
              tracked ? new TensorOptional(trm) : new TensorOptional(),
              tracked ? new TensorOptional(trv) : new TensorOptional(),
              training,
              momentum,
              eps,
              false);
      assertClose("result", y, ty, tol);
      assertEquals(ty.grad_fn().name().getString(), y.gradFn().name());
      assertClose("running mean", rm, trm, tol);
      assertClose("running var", rv, trv, tol);
      assertEquals(
          training && tracked ? versionBefore + 1 : versionBefore,
          rm.storage().version(),
          "the running mean's version counts its update");

      Tensor seed = Tensor.randn(GEN, type, shape);
      y.backward(seed);
      ty.mul(Torch.of(seed, false)).sum().backward();
      assertClose("input gradient", x.grad(), tx.grad(), tol);
      if (affine) {
        assertClose("weight gradient", w.grad(), tw.grad(), tol);
        assertClose("bias gradient", b.grad(), tb.grad(), tol);
      }
    }
  }

  @Test
  void dropoutIsAProductWithAScaledMaskAsInLibtorch() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.rand(GEN, DType.FLOAT64, 200, 50).add(1).requiresGrad(true);
      double p = 0.3;
      Tensor y = Functional.dropout(x, p, true, new Generator(5));
      org.bytedeco.pytorch.Tensor ty = torch.dropout(Torch.of(x, true), p, true);
      assertEquals(ty.grad_fn().name().getString(), y.gradFn().name());
      double[] xs = x.toArray();
      double[] ys = y.toArray();
      double[] ts = Torch.values(ty);
      int kept = 0;
      int torchKept = 0;
      for (int i = 0; i < xs.length; i++) {
        // both keep an element as x/(1 − p) or zero it
        assertTrue(ys[i] == 0 || Math.abs(ys[i] - xs[i] / (1 - p)) < 1e-12, "element " + i);
        assertTrue(ts[i] == 0 || Math.abs(ts[i] - xs[i] / (1 - p)) < 1e-12, "libtorch " + i);
        kept += ys[i] != 0 ? 1 : 0;
        torchKept += ts[i] != 0 ? 1 : 0;
      }
      // 10 000 Bernoulli(0.7) draws: 7000 ± 46 (σ); both within 5σ
      assertEquals(7000, kept, 230);
      assertEquals(7000, torchKept, 230);
      // the gradient is the mask: 1/(1 − p) where kept, 0 where dropped
      y.sum().backward();
      double[] g = x.grad().toArray();
      for (int i = 0; i < g.length; i++) {
        assertEquals(ys[i] == 0 ? 0 : 1 / (1 - p), g[i], 1e-12);
      }
    }
  }

  @Test
  void dropoutInEvaluationOrWithoutProbabilityIsTheInputItself() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.randn(GEN, DType.FLOAT32, 3, 4).requiresGrad(true);
      assertSame(x, Functional.dropout(x, 0.5, false, new Generator(1)));
      assertSame(x, Functional.dropout(x, 0, true, new Generator(1)));
      Tensor zeros = Functional.dropout(x, 1, true, new Generator(1));
      org.bytedeco.pytorch.Tensor tz = torch.dropout(Torch.of(x, true), 1, true);
      assertClose("p = 1", zeros, tz, 0);
      assertEquals(tz.grad_fn().name().getString(), zeros.gradFn().name());
    }
  }

  @Test
  void flattenIsAViewWhereLibtorchsIsAndHasItsNodeNames() {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = Tensor.randn(GEN, DType.FLOAT32, 4, 3, 2, 5).requiresGrad(true);
      org.bytedeco.pytorch.Tensor tx = Torch.of(x, true);
      Tensor a = x.flatten(1);
      Tensor b = x.narrow(0, 1, 2).flatten(1);
      Tensor c = x.transpose(1, 3).flatten(2);
      Tensor d = x.flatten(0, 2);
      org.bytedeco.pytorch.Tensor ta = torch.flatten(tx, 1, -1);
      org.bytedeco.pytorch.Tensor tb = torch.flatten(tx.narrow(0, 1, 2), 1, -1);
      org.bytedeco.pytorch.Tensor tc = torch.flatten(tx.transpose(1, 3), 2, -1);
      org.bytedeco.pytorch.Tensor td = torch.flatten(tx, 0, 2);
      assertClose("flatten(1)", a, ta, 0);
      assertClose("narrowed", b, tb, 0);
      assertClose("transposed", c, tc, 0);
      assertClose("flatten(0, 2)", d, td, 0);
      assertEquals(ta.grad_fn().name().getString(), a.gradFn().name());
      assertEquals(tb.grad_fn().name().getString(), b.gradFn().name());
      assertEquals(tc.grad_fn().name().getString(), c.gradFn().name());
      assertSame(x.storage(), b.storage(), "a slice of the batch flattens to a view");
      assertSame(x, x.flatten(3), "one dimension flattens to the tensor itself");
    }
  }
}
