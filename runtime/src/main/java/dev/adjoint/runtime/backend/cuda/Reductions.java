package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.KernelChecks;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/** Sums, maxima and the row operations (softmax, log-softmax, its gradient) on one GPU. */
final class Reductions {
  // enough threads in flight to fill a large GPU; each run at least this many elements long
  private static final int TARGET_THREADS = 1 << 15;
  private static final int MIN_RUN = 32;

  private final Gpu device;
  private final CudaBackend backend;

  Reductions(Gpu device, CudaBackend backend) {
    this.device = device;
    this.backend = backend;
  }

  /** How {@code length} reduced elements for {@code outputs} positions are cut into runs. */
  record Split(int chunks, int chunk) {}

  static Split split(int outputs, int length) {
    if (length <= MIN_RUN || outputs >= TARGET_THREADS) {
      return new Split(1, Math.max(1, length));
    }
    int wanted = (TARGET_THREADS + outputs - 1) / outputs;
    int most = (length + MIN_RUN - 1) / MIN_RUN;
    int chunks = Math.max(1, Math.min(wanted, most));
    int chunk = (length + chunks - 1) / chunks;
    return new Split((length + chunk - 1) / chunk, chunk);
  }

  Tensor reduce(Tensor x, int[] dims, boolean keepDim, boolean max) {
    int[] shape = x.shape();
    int[] strides = x.strides();
    boolean[] reduced = new boolean[shape.length];
    for (int d : dims) {
      reduced[d] = true;
    }
    int kept = 0;
    for (boolean r : reduced) {
      kept += r ? 0 : 1;
    }
    int[] keptShape = new int[kept];
    int[] keptStrides = new int[kept];
    int[] redShape = new int[shape.length - kept];
    int[] redStrides = new int[shape.length - kept];
    for (int d = 0, k = 0, r = 0; d < shape.length; d++) {
      if (reduced[d]) {
        redShape[r] = shape[d];
        redStrides[r++] = strides[d];
      } else {
        keptShape[k] = shape[d];
        keptStrides[k++] = strides[d];
      }
    }
    Layouts.Merged keptMerged = Layouts.merge(keptShape, new int[][] {keptStrides});
    Layouts.Merged redMerged = Layouts.merge(redShape, new int[][] {redStrides});
    Layouts.checkRank("sum", keptMerged.shape().length);
    Layouts.checkRank("sum", redMerged.shape().length);
    DType out = x.dtype().isFloatingPoint() ? x.dtype() : (max ? x.dtype() : DType.INT64);
    Tensor result = backend.empty(out, Shape.reduce(shape, dims, keepDim));
    int outputs = Shape.numel(keptShape);
    int length = Shape.numel(redShape);
    Split split = split(outputs, length);
    Tensor partial =
        split.chunks() > 1
            ? backend.empty(DType.FLOAT64, new int[] {split.chunks() * outputs})
            : null;
    Gpu.ArgsFiller fill =
        w -> {
          w.i64("in", Layouts.address(x)).i64("out", Layouts.address(result));
          w.i64("partial", partial == null ? 0 : Layouts.address(partial));
          w.i32("in_dtype", x.dtype().ordinal()).i32("out_dtype", out.ordinal());
          w.i32("op", max ? 1 : 0).i32("outputs", outputs).i32("length", length);
          w.i32("chunks", split.chunks()).i32("chunk", split.chunk());
          w.i32("in_offset", x.offset());
          w.i32("kept_ndim", keptMerged.shape().length).i32("red_ndim", redMerged.shape().length);
          w.dims("kept_shape", keptMerged.shape()).dims("kept_strides", keptMerged.strides()[0]);
          w.dims("red_shape", redMerged.shape()).dims("red_strides", redMerged.strides()[0]);
        };
    device.launch(
        "adj_reduce_partial", (long) outputs * split.chunks(), KernelLayouts.REDUCE_ARGS, fill);
    if (partial != null) {
      device.launch("adj_reduce_finish", outputs, KernelLayouts.REDUCE_ARGS, fill);
      CudaBackend.release(partial);
    }
    return result;
  }

  // [outer, size, inner] around dim
  private static int[] rows(int[] shape, int dim) {
    int size = shape.length == 0 ? 1 : shape[dim];
    int inner = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    int outer = size == 0 || inner == 0 ? 0 : Shape.numel(shape) / (size * inner);
    return new int[] {outer, size, inner};
  }

  Tensor softmax(Tensor x, int dim, boolean log) {
    DType type = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
    Tensor in = x.dtype() == type ? backend.dense(x) : backend.copy(x, type);
    Tensor result = backend.empty(type, x.shape());
    int[] r = rows(x.shape(), dim);
    device.launch(
        "adj_rows",
        (long) r[0] * r[2],
        KernelLayouts.ROW_ARGS,
        w ->
            w.i64("x", Layouts.address(in))
                .i64("y", Layouts.address(result))
                .i32("dtype", type.ordinal())
                .i32("op", log ? 1 : 0)
                .i32("outer", r[0])
                .i32("size", r[1])
                .i32("inner", r[2]));
    if (in != x) {
      CudaBackend.release(in);
    }
    return result;
  }

  void logSoftmaxBackwardInPlace(Tensor y, Tensor g, int dim) {
    int[] shape = y.shape();
    KernelChecks.logSoftmaxGradient(y, g);
    Tensor gc = g.isCuda() && g.isContiguous() ? g : backend.copy(backend.onDevice(g), g.dtype());
    int[] r = rows(shape, dim);
    device.launch(
        "adj_rows",
        (long) r[0] * r[2],
        KernelLayouts.ROW_ARGS,
        w ->
            w.i64("y", Layouts.address(y))
                .i64("g", Layouts.address(gc))
                .i32("y_offset", y.offset())
                .i32("g_offset", gc.offset())
                .i32("dtype", y.dtype().ordinal())
                .i32("op", 2)
                .i32("outer", r[0])
                .i32("size", r[1])
                .i32("inner", r[2]));
    if (gc != g) {
      CudaBackend.release(gc);
    }
  }
}
