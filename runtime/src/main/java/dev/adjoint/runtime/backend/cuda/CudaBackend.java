package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.Backend;
import dev.adjoint.runtime.backend.KernelChecks;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.DeviceStorage;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kernels of one GPU. Every operation is queued on the device's stream and returns at once;
 * results are fresh contiguous tensors in device memory. The numbers follow the CPU reference
 * backend: elementwise results computed in double and rounded once; sums accumulated in double (see
 * reduce.cu for how that bounds the difference); softmax in double; matrix products by cuBLAS in
 * the operands' precision. The checks and their messages are the CPU backend's.
 */
public final class CudaBackend implements Backend {
  private final Gpu device;
  private final Reductions reductions;
  private final Indexing indexing;
  private final Matmul matmul;
  private final HostNnKernels nn;

  CudaBackend(Gpu device) {
    this.device = device;
    this.reductions = new Reductions(device, this);
    this.indexing = new Indexing(device, this);
    this.matmul = new Matmul(device, this);
    this.nn = new HostNnKernels(device.device());
  }

  // ------------------------------------------------------------------ memory and transfers

  /** A zero-filled storage on this GPU. */
  public Storage allocate(DType dtype, int size) {
    Storage s = uninitialized(dtype, size);
    device.zero(((DeviceStorage) s).buffer().address(), (long) size * dtype.byteSize());
    return s;
  }

  /** A storage whose elements the caller writes before anything reads them. */
  Storage uninitialized(DType dtype, int size) {
    long bytes = Math.max(1L, (long) size * dtype.byteSize());
    return new DeviceStorage(dtype, size, new CudaBuffer(device, bytes));
  }

  Tensor empty(DType dtype, int[] shape) {
    return Tensor.view(
        uninitialized(dtype, Shape.numel(shape)), 0, shape, Shape.contiguousStrides(shape));
  }

  /** Gives a temporary's memory back at once (its last use is queued on the stream). */
  static void release(Tensor temporary) {
    if (temporary.storage() instanceof DeviceStorage d && d.buffer() instanceof CudaBuffer b) {
      b.release();
    }
  }

  /** A contiguous copy of host tensor {@code x} on this GPU. */
  public Tensor upload(Tensor x) {
    Tensor out = empty(x.dtype(), x.shape());
    MemorySegment bytes = HostArrays.bytesOf(x);
    device.upload(Layouts.address(out), bytes, (long) x.numel() * x.dtype().byteSize());
    return out;
  }

  /** A contiguous host copy of {@code x}, after the work queued before it has finished. */
  public Tensor download(Tensor x) {
    Tensor c = x.isContiguous() ? x : copy(x, x.dtype());
    Storage host =
        device.download(
            Layouts.address(c) + (long) c.offset() * c.dtype().byteSize(), c.dtype(), c.numel());
    if (c != x) {
      release(c);
    }
    return Tensor.view(host, 0, x.shape(), Shape.contiguousStrides(x.shape()));
  }

  /** {@code count} elements from {@code from} at {@code address} set to {@code value}. */
  void fillRange(long address, DType dtype, int from, int count, double value) {
    Storage view = new DeviceStorage(dtype, from + count, new Borrowed(device, address));
    fill(Tensor.view(view, from, new int[] {count}, new int[] {1}), value);
  }

  /** Device memory owned elsewhere, seen as a storage (never released through this). */
  private record Borrowed(Gpu gpu, long address)
      implements dev.adjoint.runtime.tensor.DeviceBuffer {
    @Override
    public dev.adjoint.runtime.tensor.Device device() {
      return gpu.device();
    }

    @Override
    public double read(DType dtype, int index) {
      return gpu.readElement(address, dtype, index);
    }

    @Override
    public void write(DType dtype, int index, double value) {
      gpu.writeElement(address, dtype, index, value);
    }

    @Override
    public void fill(DType dtype, int from, int count, double value) {
      gpu.backend().fillRange(address, dtype, from, count, value);
    }

    @Override
    public Storage download(DType dtype, int size) {
      return gpu.download(address, dtype, size);
    }
  }

  // ------------------------------------------------------------------ elementwise

  @Override
  public Tensor unary(ElementwiseOp op, Tensor x, DType out) {
    Tensor result = empty(out, x.shape());
    MapKernel.run(device, op.ordinal(), result, x, null, null, 0, 0);
    return result;
  }

  @Override
  public Tensor binary(ElementwiseOp op, Tensor a, Tensor b, DType out) {
    int[] shape = Shape.broadcast(op.name().toLowerCase(Locale.ROOT), a.shape(), b.shape());
    Tensor result = empty(out, shape);
    MapKernel.run(device, op.ordinal(), result, a, b, null, 0, 0);
    return result;
  }

  @Override
  public Tensor compare(Relation rel, Tensor a, Tensor b) {
    Tensor result = empty(DType.BOOL, Shape.broadcast("compare", a.shape(), b.shape()));
    MapKernel.run(device, MapKernel.COMPARE + rel.ordinal(), result, a, b, null, 0, 0);
    return result;
  }

  @Override
  public Tensor where(Tensor cond, Tensor a, Tensor b, DType out) {
    int[] shape =
        Shape.broadcast("where", cond.shape(), Shape.broadcast("where", a.shape(), b.shape()));
    Tensor result = empty(out, shape);
    MapKernel.run(device, MapKernel.WHERE, result, cond, a, b, 0, 0);
    return result;
  }

  @Override
  public Tensor pointwise(Pointwise fn, Tensor x, double p0, double p1) {
    DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
    Tensor result = empty(out, x.shape());
    MapKernel.run(device, MapKernel.POINTWISE + fn.ordinal(), result, x, null, null, p0, p1);
    return result;
  }

  @Override
  public void pointwiseInPlace(Pointwise fn, Tensor x, double p0, double p1) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          fn + " in place: the tensor is " + x.dtype() + ", not floating point");
    }
    MapKernel.run(device, MapKernel.POINTWISE + fn.ordinal(), x, x, null, null, p0, p1);
  }

  @Override
  public void keepWherePositiveInPlace(Tensor y, Tensor g) {
    KernelChecks.sameShapeAndType("keepWherePositiveInPlace", y, g);
    MapKernel.run(device, MapKernel.KEEP_POSITIVE, y, y, g, null, 0, 0);
  }

  @Override
  public void logSoftmaxBackwardInPlace(Tensor y, Tensor g, int dim) {
    reductions.logSoftmaxBackwardInPlace(y, g, dim);
  }

  // ------------------------------------------------------------------ reductions, products

  @Override
  public Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    return reductions.reduce(x, dims, keepDim, false);
  }

  @Override
  public Tensor amax(Tensor x, int[] dims, boolean keepDim) {
    return reductions.reduce(x, dims, keepDim, true);
  }

  @Override
  public Tensor softmax(Tensor x, int dim, boolean log) {
    return reductions.softmax(x, dim, log);
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    return matmul.matmul(a, b);
  }

  // ------------------------------------------------------------------ copies

  @Override
  public Tensor copy(Tensor x, DType dtype) {
    Tensor result = empty(dtype, x.shape());
    copyInto(result, x);
    return result;
  }

  @Override
  public void copyInto(Tensor dst, Tensor src) {
    KernelChecks.broadcastInto("copy", src, dst.shape());
    if (src.isCuda()
        && src.dtype() == dst.dtype()
        && dst.isContiguous()
        && src.isContiguous()
        && Arrays.equals(src.shape(), dst.shape())) {
      long size = dst.dtype().byteSize();
      device.copyDeviceToDevice(
          Layouts.address(dst) + dst.offset() * size,
          Layouts.address(src) + src.offset() * size,
          dst.numel() * size);
      return;
    }
    MapKernel.run(device, MapKernel.COPY, dst, src, null, null, 0, 0);
  }

  @Override
  public void addScaledInPlace(Tensor dst, Tensor src, double alpha) {
    KernelChecks.broadcastInto("add_", src, dst.shape());
    MapKernel.run(device, MapKernel.AXPY, dst, dst, src, null, alpha, 0);
  }

  @Override
  public void scaleInPlace(Tensor dst, double factor) {
    MapKernel.run(device, MapKernel.SCALE, dst, dst, null, null, factor, 0);
  }

  @Override
  public void fill(Tensor dst, double value) {
    MapKernel.run(device, MapKernel.FILL, dst, null, null, null, value, 0);
  }

  @Override
  public Tensor cat(List<Tensor> parts, int dim, DType dtype) {
    Tensor out = empty(dtype, KernelChecks.catShape(parts, dim));
    int at = 0;
    for (Tensor p : parts) {
      int size = p.shape()[dim];
      copyInto(Views.narrow(out, dim, at, size), p);
      at += size;
    }
    return out;
  }

  // ------------------------------------------------------------------ indexing

  @Override
  public Tensor indexSelect(Tensor x, int dim, Tensor index) {
    return indexing.indexSelect(x, dim, index);
  }

  @Override
  public void indexAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    indexing.indexAdd(dst, dim, index, src);
  }

  @Override
  public Tensor gather(Tensor x, int dim, Tensor index) {
    return indexing.gatherOrScatter(x, dim, index, null);
  }

  @Override
  public void scatterAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    indexing.gatherOrScatter(dst, dim, index, src);
  }

  /** {@code t} on this GPU: itself, or an uploaded copy of a host tensor (an index, a scalar). */
  Tensor onDevice(Tensor t) {
    return t.isCuda() ? t : upload(t);
  }

  /** {@code t} contiguous from offset 0 (a copy if it is not). */
  Tensor dense(Tensor t) {
    return t.isCuda() && t.isContiguous() && t.offset() == 0 ? t : copy(onDevice(t), t.dtype());
  }

  /**
   * Convolution, pooling and batch norm: the CPU's kernels for now, through the host (see {@link
   * HostNnKernels}).
   */
  @Override
  public NnKernels nn() {
    return nn;
  }
}
