package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.MatmulShape;
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
    MatmulShape shapes = MatmulShape.of(a, b);
    DType dtype = shapes.dtype();
    Tensor a2 = a.dim() == 1 ? Views.unsqueeze(a, 0) : a;
    Tensor b2 = b.dim() == 1 ? Views.unsqueeze(b, 1) : b;
    a2 = a2.dtype() == dtype ? a2 : backend.copy(a2, dtype);
    b2 = b2.dtype() == dtype ? b2 : backend.copy(b2, dtype);
    int[] outShape = shapes.outShape();
    Tensor out = backend.empty(dtype, outShape);
    if (Shape.numel(outShape) > 0) {
      if (shapes.k() == 0) {
        backend.fill(out, 0);
      } else {
        multiply(a2, b2, shapes.batch(), out);
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
