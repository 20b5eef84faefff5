package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.tensor.Tensor;

/**
 * Launches {@code adj_map} (kernels/map.cu): {@code out = f(a, b, c)} elementwise, the operands
 * broadcast to {@code out}'s shape, with the op codes of map.cu ({@code ElementwiseOp.ordinal()},
 * 100 + {@code Pointwise.ordinal()}, 200 + {@code Relation.ordinal()}, and the ones below).
 * Operands that are host scalars (zero-dimensional CPU tensors, Java numbers) are passed by value.
 */
final class MapKernel {
  static final int POINTWISE = 100;
  static final int COMPARE = 200;
  static final int WHERE = 300;
  static final int COPY = 301;
  static final int AXPY = 302;
  static final int SCALE = 303;
  static final int FILL = 304;
  static final int KEEP_POSITIVE = 305;

  private static final String[] OPERANDS = {"out", "a", "b", "c"};

  private MapKernel() {}

  static void run(
      Gpu device, int op, Tensor out, Tensor a, Tensor b, Tensor c, double p0, double p1) {
    int n = out.numel();
    if (n == 0) {
      return;
    }
    Tensor[] operands = {out, a, b, c};
    int[] shape = out.shape();
    int[][] strides = new int[4][];
    for (int k = 0; k < 4; k++) {
      strides[k] =
          operands[k] == null || !operands[k].isCuda()
              ? new int[shape.length]
              : Layouts.broadcastStrides(operands[k], shape);
    }
    Layouts.Merged merged = Layouts.merge(shape, strides);
    Layouts.checkRank("elementwise", merged.shape().length);
    device.launch(
        "adj_map",
        n,
        KernelLayouts.MAP_ARGS,
        w -> {
          w.i32("n", n).i32("ndim", merged.shape().length).i32("op", op);
          w.f64("p0", p0).f64("p1", p1).dims("shape", merged.shape());
          for (int k = 0; k < 4; k++) {
            Tensor t = operands[k];
            if (t == null) {
              continue;
            }
            String o = OPERANDS[k];
            w.i32(o + ".dtype", t.dtype().ordinal());
            if (t.isCuda()) {
              w.i64(o + ".ptr", Layouts.address(t)).i32(o + ".offset", t.offset());
              w.i32(o + ".dense", merged.dense(k) ? 1 : 0)
                  .dims(o + ".strides", merged.strides()[k]);
            } else {
              w.f64(o + ".scalar", t.item());
            }
          }
        });
  }
}
