package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.Arrays;

/** PyTorch's matmul on one GPU: the CPU backend's checks and shapes, cuBLAS for the products. */
final class Matmul {
  private final Gpu device;
  private final CudaBackend backend;

  Matmul(Gpu device, CudaBackend backend) {
    this.device = device;
    this.backend = backend;
  }

  Tensor matmul(Tensor a, Tensor b) {
    int[] as = a.shape();
    int[] bs = b.shape();
    if (a.dim() == 0 || b.dim() == 0) {
      throw new IllegalArgumentException(
          "matmul: both operands need at least one dimension, got shapes "
              + Shape.format(as)
              + " and "
              + Shape.format(bs));
    }
    DType dtype = DType.promote(a.dtype(), b.dtype());
    if (!dtype.isFloatingPoint()) {
      dtype = DType.FLOAT32;
    }
    Tensor a2 = a.dim() == 1 ? Views.unsqueeze(a, 0) : a;
    Tensor b2 = b.dim() == 1 ? Views.unsqueeze(b, 1) : b;
    a2 = a2.dtype() == dtype ? a2 : backend.copy(a2, dtype);
    b2 = b2.dtype() == dtype ? b2 : backend.copy(b2, dtype);
    int[] a2s = a2.shape();
    int[] b2s = b2.shape();
    int m = a2s[a2s.length - 2];
    int k = a2s[a2s.length - 1];
    int n = b2s[b2s.length - 1];
    if (b2s[b2s.length - 2] != k) {
      throw new IllegalArgumentException(
          "matmul: shapes "
              + Shape.format(as)
              + " and "
              + Shape.format(bs)
              + " cannot be multiplied ("
              + k
              + " != "
              + b2s[b2s.length - 2]
              + ")");
    }
    int[] batch =
        Shape.broadcast(
            "matmul", Arrays.copyOf(a2s, a2s.length - 2), Arrays.copyOf(b2s, b2s.length - 2));
    int[] outShape = Arrays.copyOf(batch, batch.length + 2);
    outShape[batch.length] = m;
    outShape[batch.length + 1] = n;
    Tensor out = backend.empty(dtype, outShape);
    if (Shape.numel(outShape) > 0) {
      if (k == 0) {
        backend.fill(out, 0);
      } else {
        multiply(a2, b2, batch, out);
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

  private void multiply(Tensor a, Tensor b, int[] batch, Tensor out) {
    GemmPlan.Plan plan = GemmPlan.plan(batch, operand(a, batch), operand(b, batch));
    Tensor ac = a;
    Tensor bc = b;
    if (plan instanceof GemmPlan.CopyFirst copy) {
      ac = copy.a() ? contiguousOver(a, batch) : a;
      bc = copy.b() ? contiguousOver(b, batch) : b;
      plan = GemmPlan.plan(batch, operand(ac, batch), operand(bc, batch));
    }
    GemmPlan.Call call = ((GemmPlan.Gemm) plan).call();
    int size = out.dtype().byteSize();
    device.gemm(
        out.dtype() == DType.FLOAT32,
        call.at(Layouts.address(bc), Layouts.address(ac), Layouts.address(out), size));
    if (ac != a) {
      CudaBackend.release(ac);
    }
    if (bc != b) {
      CudaBackend.release(bc);
    }
  }

  // x expanded over the whole batch and copied: every layout GemmPlan can take
  private Tensor contiguousOver(Tensor x, int[] batch) {
    int[] s = x.shape();
    int[] full = Arrays.copyOf(batch, batch.length + 2);
    full[batch.length] = s[s.length - 2];
    full[batch.length + 1] = s[s.length - 1];
    return backend.copy(Views.expand(x, full), x.dtype());
  }

  static GemmPlan.Operand operand(Tensor x, int[] batch) {
    int[] s = x.shape();
    int[] st = x.strides();
    int r = s.length;
    int[] batchStrides = new int[batch.length];
    int lead = batch.length - (r - 2);
    for (int d = 0; d < r - 2; d++) {
      batchStrides[lead + d] = s[d] == 1 ? 0 : st[d];
    }
    return new GemmPlan.Operand(s[r - 2], s[r - 1], st[r - 2], st[r - 1], batchStrides, x.offset());
  }
}
