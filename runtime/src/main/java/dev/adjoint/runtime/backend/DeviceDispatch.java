package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.backend.cpu.CpuBackend;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.DeviceStorage;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * The {@link Backend} that runs each call on the backend of its operands' device, checking that
 * they share one: the CPU backend when every operand is in host memory (one type test per operand,
 * so the CPU kernels stay as fast as when they were called directly), else the GPU's. A
 * zero-dimensional host tensor (a Java number, a loss computed on the host) goes with any device,
 * as in PyTorch; other operands on two devices are an {@link IllegalArgumentException} naming the
 * operation and both devices. {@code copyInto} is the exception: it copies across devices.
 */
final class DeviceDispatch implements Backend {
  static final DeviceDispatch INSTANCE = new DeviceDispatch();
  private static final Backend CPU = CpuBackend.INSTANCE;

  private DeviceDispatch() {}

  private static boolean onHost(Tensor t) {
    return t == null || !(t.storage() instanceof DeviceStorage);
  }

  private static Backend on(String op, Tensor a) {
    return onHost(a) ? CPU : device(op, a);
  }

  private static Backend on(String op, Tensor a, Tensor b) {
    return onHost(a) && onHost(b) ? CPU : device(op, a, b);
  }

  private static Backend on(String op, Tensor a, Tensor b, Tensor c) {
    return onHost(a) && onHost(b) && onHost(c) ? CPU : device(op, a, b, c);
  }

  /** The device backend of operands of which at least one is on a device. */
  private static Backend device(String op, Tensor... operands) {
    return Backends.forDevice(commonDevice(op, operands));
  }

  /**
   * The one device of {@code operands}, zero-dimensional host tensors left out (they go with any
   * device); the host when that leaves none.
   */
  static Device commonDevice(String op, Tensor... operands) {
    Tensor first = null;
    for (Tensor t : operands) {
      if (t == null || (t.dim() == 0 && t.device().isCpu())) {
        continue;
      }
      if (first == null) {
        first = t;
      } else if (!t.device().equals(first.device())) {
        throw new IllegalArgumentException(
            op
                + ": operands on two devices, "
                + first.device()
                + " (shape "
                + Shape.format(first.shape())
                + ") and "
                + t.device()
                + " (shape "
                + Shape.format(t.shape())
                + "): move them to one device first, with .to(device), .cuda() or .cpu()");
      }
    }
    return first == null ? Device.cpu() : first.device();
  }

  private static String name(ElementwiseOp op) {
    return op.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Tensor unary(ElementwiseOp op, Tensor x, DType out) {
    return on(name(op), x).unary(op, x, out);
  }

  @Override
  public Tensor binary(ElementwiseOp op, Tensor a, Tensor b, DType out) {
    return on(name(op), a, b).binary(op, a, b, out);
  }

  @Override
  public Tensor compare(Relation rel, Tensor a, Tensor b) {
    return on("compare", a, b).compare(rel, a, b);
  }

  @Override
  public Tensor where(Tensor cond, Tensor a, Tensor b, DType out) {
    return on("where", cond, a, b).where(cond, a, b, out);
  }

  @Override
  public Tensor pointwise(Pointwise fn, Tensor x, double p0, double p1) {
    return on(fn.name().toLowerCase(Locale.ROOT), x).pointwise(fn, x, p0, p1);
  }

  @Override
  public void pointwiseInPlace(Pointwise fn, Tensor x, double p0, double p1) {
    on(fn.name().toLowerCase(Locale.ROOT), x).pointwiseInPlace(fn, x, p0, p1);
  }

  @Override
  public void keepWherePositiveInPlace(Tensor y, Tensor g) {
    on("keepWherePositiveInPlace", y, g).keepWherePositiveInPlace(y, g);
  }

  @Override
  public void logSoftmaxBackwardInPlace(Tensor y, Tensor g, int dim) {
    on("logSoftmaxBackwardInPlace", y, g).logSoftmaxBackwardInPlace(y, g, dim);
  }

  @Override
  public Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    return on("sum", x).sum(x, dims, keepDim);
  }

  @Override
  public Tensor amax(Tensor x, int[] dims, boolean keepDim) {
    return on("max", x).amax(x, dims, keepDim);
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    return on("matmul", a, b).matmul(a, b);
  }

  @Override
  public Tensor softmax(Tensor x, int dim, boolean log) {
    return on(log ? "logSoftmax" : "softmax", x).softmax(x, dim, log);
  }

  @Override
  public Tensor copy(Tensor x, DType dtype) {
    return on("copy", x).copy(x, dtype);
  }

  @Override
  public void copyInto(Tensor dst, Tensor src) {
    if (onHost(dst) && onHost(src)) {
      CPU.copyInto(dst, src);
      return;
    }
    // a copy may cross devices (loading host weights into a GPU model): src goes to dst's first
    Tensor source =
        src.device().equals(dst.device()) || src.dim() == 0 && src.device().isCpu()
            ? src
            : Devices.transfer(src, dst.device());
    Backends.forDevice(dst.device()).copyInto(dst, source);
  }

  @Override
  public void addScaledInPlace(Tensor dst, Tensor src, double alpha) {
    on("addInPlace", dst, src).addScaledInPlace(dst, src, alpha);
  }

  @Override
  public void scaleInPlace(Tensor dst, double factor) {
    on("mulInPlace", dst).scaleInPlace(dst, factor);
  }

  @Override
  public void fill(Tensor dst, double value) {
    on("fill", dst).fill(dst, value);
  }

  @Override
  public Tensor cat(List<Tensor> parts, int dim, DType dtype) {
    boolean host = true;
    for (Tensor p : parts) {
      host &= onHost(p);
    }
    return host
        ? CPU.cat(parts, dim, dtype)
        : device("cat", parts.toArray(new Tensor[0])).cat(parts, dim, dtype);
  }

  @Override
  public Tensor indexSelect(Tensor x, int dim, Tensor index) {
    return on("indexSelect", x, index).indexSelect(x, dim, index);
  }

  @Override
  public void indexAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    on("indexAdd", dst, index, src).indexAdd(dst, dim, index, src);
  }

  @Override
  public Tensor gather(Tensor x, int dim, Tensor index) {
    return on("gather", x, index).gather(x, dim, index);
  }

  @Override
  public void scatterAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    on("scatterAdd", dst, index, src).scatterAdd(dst, dim, index, src);
  }

  @Override
  public NnKernels nn() {
    return NnDispatch.INSTANCE;
  }
}
