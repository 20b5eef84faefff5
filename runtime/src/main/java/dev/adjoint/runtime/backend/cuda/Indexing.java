package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.backend.KernelChecks;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * indexSelect, indexAdd, gather and scatterAdd on one GPU (kernels/index.cu). Out-of-range indices
 * are found by the kernels and reported at the next synchronisation, as an {@link
 * IndexOutOfBoundsException} with the CPU backend's wording.
 */
final class Indexing {
  private static final int SELECT = 0;
  private static final int ADD = 1;
  private static final int GATHER = 2;
  private static final int SCATTER_ADD = 3;

  /** The operation {@code index.cu} numbers {@code op}, as the CPU backend names it. */
  static String operationName(int op) {
    return switch (op) {
      case SELECT -> "indexSelect";
      case ADD -> "indexAdd";
      case GATHER -> "gather";
      case SCATTER_ADD -> "scatterAdd";
      default -> "an index operation";
    };
  }

  private final Gpu device;
  private final CudaBackend backend;

  Indexing(Gpu device, CudaBackend backend) {
    this.device = device;
    this.backend = backend;
  }

  private static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int d = from; d < to; d++) {
      p *= shape[d];
    }
    return p;
  }

  Tensor indexSelect(Tensor x, int dim, Tensor index) {
    int[] shape = x.shape();
    shape[dim] = index.numel();
    Tensor out = backend.empty(x.dtype(), shape);
    slices(SELECT, backend.dense(x), dim, index, out);
    return out;
  }

  void indexAdd(Tensor dst, int dim, Tensor index, Tensor src) {
    checkFloating("indexAdd", dst);
    Tensor target = backend.dense(dst);
    Tensor source = backend.dense(src);
    slices(ADD, target, dim, index, source);
    finish(dst, target);
    release(src, source);
  }

  // x (contiguous from 0) against other ([outer, count, inner], contiguous from 0)
  private void slices(int op, Tensor x, int dim, Tensor index, Tensor other) {
    int[] shape = x.shape();
    int outer = product(shape, 0, dim);
    int inner = product(shape, dim + 1, shape.length);
    int count = index.numel();
    Tensor idx = backend.onDevice(index);
    int n = outer * count * inner;
    device.launch(
        "adj_index",
        n,
        KernelLayouts.INDEX_ARGS,
        w ->
            w.i64("x", Layouts.address(x))
                .i64("index", Layouts.address(idx))
                .i64("other", Layouts.address(other))
                .i64("status", device.statusWords())
                .i32("dtype", x.dtype().ordinal())
                .i32("op", op)
                .i32("n", n)
                .i32("outer", outer)
                .i32("count", count)
                .i32("inner", inner)
                .i32("size", shape[dim])
                .i32("dim", dim)
                .i32("index_offset", idx.offset())
                .dims("index_strides", new int[] {idx.dim() == 0 ? 0 : idx.strides()[0]}));
    release(index, idx);
  }

  /** gather when {@code src} is null (returns the result), else scatterAdd into {@code x}. */
  Tensor gatherOrScatter(Tensor x, int dim, Tensor index, Tensor src) {
    int[] ishape = index.shape();
    int[] xshape = x.shape();
    Layouts.checkRank(src == null ? "gather" : "scatterAdd", ishape.length);
    if (index.numel() > 0) {
      KernelChecks.gatherIndexFits(ishape, xshape, dim);
    }
    if (src != null) {
      checkFloating("scatterAdd", x);
    }
    Tensor out = src == null ? backend.empty(x.dtype(), ishape) : backend.onDevice(src);
    Tensor idx = backend.onDevice(index);
    int n = index.numel();
    device.launch(
        "adj_index",
        n,
        KernelLayouts.INDEX_ARGS,
        w ->
            w.i64("x", Layouts.address(x))
                .i64("index", Layouts.address(idx))
                .i64("other", Layouts.address(out))
                .i64("status", device.statusWords())
                .i32("dtype", x.dtype().ordinal())
                .i32("op", src == null ? GATHER : SCATTER_ADD)
                .i32("n", n)
                .i32("dim", dim)
                .i32("ndim", ishape.length)
                .i32("x_offset", x.offset())
                .i32("index_offset", idx.offset())
                .i32("other_offset", out.offset())
                .dims("shape", ishape)
                .dims("x_shape", xshape)
                .dims("x_strides", x.strides())
                .dims("index_strides", idx.strides())
                .dims("other_strides", Layouts.broadcastStrides(out, ishape)));
    release(index, idx);
    if (src != null) {
      release(src, out);
    }
    return src == null ? out : x;
  }

  private static void checkFloating(String op, Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          op + " on CUDA adds into float32 or float64 tensors, not " + t.dtype().displayName());
    }
  }

  // a contiguous stand-in for dst is copied back into it
  private void finish(Tensor dst, Tensor target) {
    if (target != dst) {
      backend.copyInto(dst, target);
      CudaBackend.release(target);
    }
  }

  private static void release(Tensor original, Tensor used) {
    if (used != original) {
      CudaBackend.release(used);
    }
  }
}
