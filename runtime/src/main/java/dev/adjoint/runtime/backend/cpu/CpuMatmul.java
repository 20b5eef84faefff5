package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.MatmulShape;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;

/**
 * The reference backend's matrix product, batched and broadcast as {@code torch.matmul}: each
 * batch's {@code m×k} by {@code k×n} product runs through the pluggable {@link GemmKernel}.
 */
final class CpuMatmul {
  private CpuMatmul() {}

  /** {@code a @ b}, with {@code kernel} for each matrix product. */
  static Tensor matmul(Tensor a, Tensor b, GemmKernel kernel, CpuBackend backend) {
    MatmulShape shapes = MatmulShape.of(a, b);
    DType dtype = shapes.dtype();
    Tensor a2 = a.dim() == 1 ? Views.unsqueeze(a, 0) : a;
    Tensor b2 = b.dim() == 1 ? Views.unsqueeze(b, 1) : b;
    a2 = a2.dtype() == dtype ? a2 : backend.copy(a2, dtype);
    b2 = b2.dtype() == dtype ? b2 : backend.copy(b2, dtype);
    int[] a2s = a2.shape();
    int[] b2s = b2.shape();
    int m = shapes.m();
    int k = shapes.k();
    int n = shapes.n();
    int[] aBatch = java.util.Arrays.copyOf(a2s, a2s.length - 2);
    int[] bBatch = java.util.Arrays.copyOf(b2s, b2s.length - 2);
    int[] batch = shapes.batch();
    Tensor out = Tensor.empty(dtype, shapes.outShape());
    int[] ast = a2.strides();
    int[] bst = b2.strides();
    Indexer ab =
        Indexer.of(a2.offset(), aBatch, java.util.Arrays.copyOf(ast, aBatch.length), batch);
    Indexer bb =
        Indexer.of(b2.offset(), bBatch, java.util.Arrays.copyOf(bst, bBatch.length), batch);
    int aRow = ast[ast.length - 2];
    int aCol = ast[ast.length - 1];
    int bRow = bst[bst.length - 2];
    int bCol = bst[bst.length - 1];
    for (int i = 0, count = Shape.numel(batch); i < count; i++) {
      if (dtype == DType.FLOAT32) {
        kernel.sgemm(
            m,
            n,
            k,
            a2.storage().floats(),
            ab.at(i),
            aRow,
            aCol,
            b2.storage().floats(),
            bb.at(i),
            bRow,
            bCol,
            out.storage().floats(),
            i * m * n,
            n);
      } else {
        kernel.dgemm(
            m,
            n,
            k,
            a2.storage().doubles(),
            ab.at(i),
            aRow,
            aCol,
            b2.storage().doubles(),
            bb.at(i),
            bRow,
            bCol,
            out.storage().doubles(),
            i * m * n,
            n);
      }
    }
    if (a.dim() == 1) {
      out = Views.squeezeDim(out, out.dim() - 2);
    }
    if (b.dim() == 1) {
      out = Views.squeezeDim(out, out.dim() - 1);
    }
    return out;
  }
}
