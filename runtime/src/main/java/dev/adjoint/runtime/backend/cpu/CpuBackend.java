package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.backend.Backend;
import dev.adjoint.runtime.backend.KernelChecks;
import dev.adjoint.runtime.backend.NnKernels;
import dev.adjoint.runtime.backend.Pointwise;
import dev.adjoint.runtime.backend.Relation;
import dev.adjoint.runtime.rules.ElementwiseOp;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Storage;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The plain Java reference backend: every kernel is a straightforward loop over elements read and
 * written as {@code double} (a {@code float32} result is rounded once, on store, which for {@code +
 * - * /} is exactly float arithmetic); sums accumulate in the tensor's own type, in element order.
 * It is the test oracle for faster backends; only matmul's inner loops are pluggable ({@link
 * #useGemm}), since they are where the time goes.
 */
public final class CpuBackend implements Backend {
  public static final CpuBackend INSTANCE = new CpuBackend();

  // the blocked, vectorised kernel; tests compare it with ReferenceGemm, the triple loop
  private volatile GemmKernel gemm = BlockedGemmKernel.INSTANCE;

  // the contiguous float32 loops of FloatFastPaths; tests switch them off to get the general
  // kernels
  private volatile boolean fastPaths = true;

  private CpuBackend() {}

  /** Turns the float32 fast paths on or off (tests compare them with the general kernels). */
  void useFastPaths(boolean on) {
    fastPaths = on;
  }

  /** Replaces the matrix-multiply kernel (a colleague's blocked GEMM, a BLAS binding). */
  public void useGemm(GemmKernel kernel) {
    gemm = Objects.requireNonNull(kernel);
  }

  public GemmKernel gemm() {
    return gemm;
  }

  @Override
  public Tensor unary(ElementwiseOp op, Tensor x, DType out) {
    DoubleUnaryOperator f = ScalarFunctions.unary(op);
    int[] shape = x.shape();
    Tensor result = Tensor.empty(out, shape);
    Storage r = result.storage();
    Storage xs = x.storage();
    Indexer xi = Indexer.of(x, shape);
    for (int i = 0, n = result.numel(); i < n; i++) {
      r.set(i, f.applyAsDouble(xs.get(xi.at(i))));
    }
    return result;
  }

  @Override
  public Tensor binary(ElementwiseOp op, Tensor a, Tensor b, DType out) {
    Tensor fast = FloatArithmetic.tryBinary(op, a, b, out);
    if (fast == null && fastPaths) {
      fast = FloatFastPaths.rowBroadcast(op, a, b, out);
    }
    if (fast != null) {
      return fast;
    }
    DoubleBinaryOperator f = ScalarFunctions.binary(op);
    int[] shape =
        Shape.broadcast(op.name().toLowerCase(java.util.Locale.ROOT), a.shape(), b.shape());
    Tensor result = Tensor.empty(out, shape);
    Storage r = result.storage();
    Storage as = a.storage();
    Storage bs = b.storage();
    Indexer ai = Indexer.of(a, shape);
    Indexer bi = Indexer.of(b, shape);
    for (int i = 0, n = result.numel(); i < n; i++) {
      r.set(i, f.applyAsDouble(as.get(ai.at(i)), bs.get(bi.at(i))));
    }
    return result;
  }

  @Override
  public Tensor compare(Relation rel, Tensor a, Tensor b) {
    if (fastPaths) {
      Tensor fast = FloatMaskFastPaths.compare(rel, a, b);
      if (fast != null) {
        return fast;
      }
    }
    int[] shape = Shape.broadcast("compare", a.shape(), b.shape());
    Tensor result = Tensor.empty(DType.BOOL, shape);
    Storage r = result.storage();
    Indexer ai = Indexer.of(a, shape);
    Indexer bi = Indexer.of(b, shape);
    for (int i = 0, n = result.numel(); i < n; i++) {
      double x = a.storage().get(ai.at(i));
      double y = b.storage().get(bi.at(i));
      boolean holds =
          switch (rel) {
            case GREATER -> x > y;
            case GREATER_OR_EQUAL -> x >= y;
            case EQUAL -> x == y;
          };
      r.set(i, holds ? 1 : 0);
    }
    return result;
  }

  @Override
  public Tensor where(Tensor cond, Tensor a, Tensor b, DType out) {
    if (fastPaths) {
      Tensor fast = FloatMaskFastPaths.where(cond, a, b, out);
      if (fast != null) {
        return fast;
      }
    }
    int[] shape =
        Shape.broadcast("where", cond.shape(), Shape.broadcast("where", a.shape(), b.shape()));
    Tensor result = Tensor.empty(out, shape);
    Storage r = result.storage();
    Indexer ci = Indexer.of(cond, shape);
    Indexer ai = Indexer.of(a, shape);
    Indexer bi = Indexer.of(b, shape);
    for (int i = 0, n = result.numel(); i < n; i++) {
      r.set(
          i,
          cond.storage().get(ci.at(i)) != 0
              ? a.storage().get(ai.at(i))
              : b.storage().get(bi.at(i)));
    }
    return result;
  }

  @Override
  public Tensor pointwise(Pointwise fn, Tensor x, double p0, double p1) {
    if (fastPaths && fn == Pointwise.RELU) {
      Tensor fast = FloatFastPaths.relu(x);
      if (fast != null) {
        return fast;
      }
    }
    int[] shape = x.shape();
    DType out = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
    Tensor result = Tensor.empty(out, shape);
    Storage r = result.storage();
    Indexer xi = Indexer.of(x, shape);
    for (int i = 0, n = result.numel(); i < n; i++) {
      r.set(i, pointwise(fn, x.storage().get(xi.at(i)), p0, p1));
    }
    return result;
  }

  @Override
  public void pointwiseInPlace(Pointwise fn, Tensor x, double p0, double p1) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          fn + " in place: the tensor is " + x.dtype() + ", not floating point");
    }
    if (fastPaths && fn == Pointwise.RELU && FloatFastPaths.reluInPlace(x)) {
      return;
    }
    Indexer xi = Indexer.of(x, x.shape());
    Storage s = x.storage();
    for (int i = 0, n = x.numel(); i < n; i++) {
      int at = xi.at(i);
      s.set(at, pointwise(fn, s.get(at), p0, p1));
    }
  }

  @Override
  public void keepWherePositiveInPlace(Tensor y, Tensor g) {
    KernelChecks.sameShapeAndType("keepWherePositiveInPlace", y, g);
    if (fastPaths && FloatFastPaths.keepWherePositiveInPlace(y, g)) {
      return;
    }
    Indexer yi = Indexer.of(y, y.shape());
    Indexer gi = Indexer.of(g, y.shape());
    Storage ys = y.storage();
    Storage gs = g.storage();
    for (int i = 0, n = y.numel(); i < n; i++) {
      int at = yi.at(i);
      ys.set(at, ys.get(at) > 0 ? gs.get(gi.at(i)) : 0.0);
    }
  }

  @Override
  public void logSoftmaxBackwardInPlace(Tensor y, Tensor g, int dim) {
    int[] shape = y.shape();
    KernelChecks.logSoftmaxGradient(y, g);
    Tensor gc = g.isContiguous() ? g : copy(g, g.dtype());
    boolean single = y.dtype() == DType.FLOAT32;
    int size = shape.length == 0 ? 1 : shape[dim];
    int inner = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    int outer = size == 0 || inner == 0 ? 0 : y.numel() / (size * inner);
    Storage ys = y.storage();
    Storage gs = gc.storage();
    int yo = y.offset();
    int go = gc.offset();
    for (int o = 0; o < outer; o++) {
      for (int in = 0; in < inner; in++) {
        int base = o * size * inner + in;
        double sum = 0;
        for (int j = 0; j < size; j++) {
          double v = gs.get(go + base + j * inner);
          sum = single ? (float) (sum + v) : sum + v;
        }
        for (int j = 0; j < size; j++) {
          int at = base + j * inner;
          double e = Math.exp(ys.get(yo + at));
          double scaled = single ? (float) ((float) e * sum) : e * sum;
          ys.set(yo + at, gs.get(go + at) - scaled); // set rounds to the type
        }
      }
    }
  }

  private static double pointwise(Pointwise fn, double v, double p0, double p1) {
    return switch (fn) {
      case SIGMOID -> sigmoid(v);
      case RELU -> v > 0 ? v : (Double.isNaN(v) ? v : 0);
      case SOFTPLUS -> v * p0 > p1 ? v : Math.log1p(Math.exp(v * p0)) / p0;
      case CLAMP -> Double.isNaN(v) ? v : Math.min(Math.max(v, p0), p1);
    };
  }

  // 1/(1 + e^-x) for x ≥ 0, e^x/(1 + e^x) below: neither form overflows on its side
  static double sigmoid(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }

  @Override
  public Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    if (fastPaths) {
      Tensor fast = FloatFastPaths.sum(x, dims, keepDim);
      if (fast != null) {
        return fast;
      }
    }
    return CpuReductions.reduce(x, dims, keepDim, false);
  }

  @Override
  public Tensor amax(Tensor x, int[] dims, boolean keepDim) {
    return CpuReductions.reduce(x, dims, keepDim, true);
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    return CpuMatmul.matmul(a, b, gemm, this);
  }

  @Override
  public Tensor softmax(Tensor x, int dim, boolean log) {
    return CpuReductions.softmax(x, dim, log);
  }

  @Override
  public Tensor copy(Tensor x, DType dtype) {
    Tensor result = Tensor.empty(dtype, x.shape());
    copyInto(result, x);
    return result;
  }

  @Override
  public void copyInto(Tensor dst, Tensor src) {
    int[] shape = dst.shape();
    KernelChecks.broadcastInto("copy", src, shape);
    if (fastPaths && FloatFastPaths.copyInto(dst, src)) {
      return;
    }
    Indexer di = Indexer.of(dst, shape);
    Indexer si = Indexer.of(src, shape);
    Storage d = dst.storage();
    Storage s = src.storage();
    for (int i = 0, n = dst.numel(); i < n; i++) {
      d.set(di.at(i), s.get(si.at(i)));
    }
  }

  @Override
  public void addScaledInPlace(Tensor dst, Tensor src, double alpha) {
    int[] shape = dst.shape();
    KernelChecks.broadcastInto("add_", src, shape);
    if (fastPaths && FloatFastPaths.addScaledInPlace(dst, src, alpha)) {
      return;
    }
    Indexer di = Indexer.of(dst, shape);
    Indexer si = Indexer.of(src, shape);
    Storage d = dst.storage();
    Storage s = src.storage();
    for (int i = 0, n = dst.numel(); i < n; i++) {
      int at = di.at(i);
      d.set(at, d.get(at) + alpha * s.get(si.at(i)));
    }
  }

  @Override
  public void scaleInPlace(Tensor dst, double factor) {
    if (fastPaths && FloatScaling.scaleInPlace(dst, factor)) {
      return;
    }
    Indexer di = Indexer.of(dst, dst.shape());
    Storage d = dst.storage();
    for (int i = 0, n = dst.numel(); i < n; i++) {
      int at = di.at(i);
      d.set(at, d.get(at) * factor);
    }
  }

  @Override
  public void fill(Tensor dst, double value) {
    if (dst.isContiguous()) {
      dst.storage().fill(dst.offset(), dst.numel(), value);
      return;
    }
    Indexer di = Indexer.of(dst, dst.shape());
    for (int i = 0, n = dst.numel(); i < n; i++) {
      dst.storage().set(di.at(i), value);
    }
  }

  @Override
  public Tensor cat(List<Tensor> parts, int dim, DType dtype) {
    Tensor out = Tensor.empty(dtype, KernelChecks.catShape(parts, dim));
    int at = 0;
    for (Tensor p : parts) {
      int size = p.shape()[dim];
      copyInto(Views.narrow(out, dim, at, size), p);
      at += size;
    }
    return out;
  }

  @Override
  public Tensor indexSelect(Tensor x, int dim, Tensor index) {
    int[] shape = x.shape();
    shape[dim] = index.numel();
    Tensor out = Tensor.empty(x.dtype(), shape);
    double[] idx = index.toArray();
    for (int j = 0; j < idx.length; j++) {
      copyInto(
          Views.select(out, dim, j),
          Views.select(x, dim, CpuIndexing.checkIndex("indexSelect", idx[j], x, dim)));
    }
    return out;
  }

  @Override
  public void indexAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    double[] idx = index.toArray();
    for (int j = 0; j < idx.length; j++) {
      addScaledInPlace(
          Views.select(dst, dim, CpuIndexing.checkIndex("indexAdd", idx[j], dst, dim)),
          Views.select(src, dim, j),
          1);
    }
  }

  @Override
  public Tensor gather(Tensor x, int dim, Tensor index) {
    Tensor out = Tensor.empty(x.dtype(), index.shape());
    CpuIndexing.gatherOrScatter(x, dim, index, out, false);
    return out;
  }

  @Override
  public void scatterAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    CpuIndexing.gatherOrScatter(dst, dim, index, src, true);
  }

  @Override
  public NnKernels nn() {
    return CpuNnKernels.INSTANCE;
  }
}
