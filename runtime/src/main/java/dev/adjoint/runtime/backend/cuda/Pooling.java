package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.rules.Pool2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Max, average and adaptive average pooling and their adjoints on one GPU ({@code adj_pool},
 * kernels/pool.cu): forwards one thread per output, adjoints one per input element gathering from
 * the windows that hold it. Operands are read through their strides; a 3-D [C, H, W] operand is
 * pooled as [1, C, H, W].
 */
final class Pooling {
  // pool.cu's POOL_* codes
  private static final int MAX = 0;
  private static final int MAX_BACKWARD = 1;
  private static final int AVG = 2;
  private static final int AVG_BACKWARD = 3;
  private static final int ADAPTIVE = 4;
  private static final int ADAPTIVE_BACKWARD = 5;

  private final Gpu device;
  private final CudaBackend backend;

  Pooling(Gpu device, CudaBackend backend) {
    this.device = device;
    this.backend = backend;
  }

  /** An operand's planes: [N, C, H, W], or [C, H, W] as N = 1. */
  private record Planes(int n, int c, int h, int w) {
    static Planes of(int[] shape) {
      int r = shape.length;
      return new Planes(r == 4 ? shape[0] : 1, shape[r - 3], shape[r - 2], shape[r - 1]);
    }

    int count() {
      return n * c;
    }
  }

  /** One launch: the operation, its operands (null where it has none) and its window sizes. */
  private record Launch(
      int op, Tensor x, Tensor g, Tensor out, Tensor argmax, Planes in, int oh, int ow) {}

  Tensor maxPool(Tensor input, Pool2dParams p) {
    return pool(MAX, input, p);
  }

  Tensor avgPool(Tensor input, Pool2dParams p) {
    return pool(AVG, input, p);
  }

  private Tensor pool(int op, Tensor input, Pool2dParams p) {
    Tensor x = backend.onDevice(input);
    Planes in = Planes.of(x.shape());
    int oh = p.outputHeight(in.h());
    int ow = p.outputWidth(in.w());
    Tensor y = backend.empty(x.dtype(), pooledShape(x.shape(), oh, ow));
    run(new Launch(op, x, null, y, null, in, oh, ow), p);
    return y;
  }

  Tensor maxPoolBackward(Tensor gradient, Tensor input, Pool2dParams p) {
    Tensor x = backend.onDevice(input);
    Tensor g = backend.onDevice(gradient);
    Planes in = Planes.of(x.shape());
    int oh = p.outputHeight(in.h());
    int ow = p.outputWidth(in.w());
    // the forward again, for each window's argmax alone
    Tensor argmax = backend.empty(DType.INT64, new int[] {in.count() * oh * ow});
    run(new Launch(MAX, x, null, null, argmax, in, oh, ow), p);
    Tensor dx = backend.empty(g.dtype(), x.shape());
    run(new Launch(MAX_BACKWARD, x, g, dx, argmax, in, oh, ow), p);
    CudaBackend.release(argmax);
    return dx;
  }

  Tensor avgPoolBackward(Tensor gradient, int[] inputShape, Pool2dParams p) {
    Tensor g = backend.onDevice(gradient);
    Planes in = Planes.of(inputShape);
    Tensor dx = backend.empty(g.dtype(), inputShape);
    run(
        new Launch(
            AVG_BACKWARD, null, g, dx, null, in, p.outputHeight(in.h()), p.outputWidth(in.w())),
        p);
    return dx;
  }

  Tensor adaptiveAvgPool(Tensor input, int outputHeight, int outputWidth) {
    Tensor x = backend.onDevice(input);
    Tensor y = backend.empty(x.dtype(), pooledShape(x.shape(), outputHeight, outputWidth));
    run(
        new Launch(ADAPTIVE, x, null, y, null, Planes.of(x.shape()), outputHeight, outputWidth),
        null);
    return y;
  }

  Tensor adaptiveAvgPoolBackward(Tensor gradient, int[] inputShape) {
    Tensor g = backend.onDevice(gradient);
    int[] gs = g.shape();
    Tensor dx = backend.empty(g.dtype(), inputShape);
    Planes in = Planes.of(inputShape);
    run(
        new Launch(ADAPTIVE_BACKWARD, null, g, dx, null, in, gs[gs.length - 2], gs[gs.length - 1]),
        null);
    return dx;
  }

  private static int[] pooledShape(int[] shape, int oh, int ow) {
    int[] out = shape.clone();
    out[out.length - 2] = oh;
    out[out.length - 1] = ow;
    return out;
  }

  // strides over [N, C, H, W]: a 3-D operand's batch stride does not matter (N = 1)
  private static int[] strides4(Tensor t) {
    int[] st = t.strides();
    return st.length == 4 ? st : new int[] {0, st[0], st[1], st[2]};
  }

  private void run(Launch l, Pool2dParams p) {
    boolean forward = l.op() == MAX || l.op() == AVG || l.op() == ADAPTIVE;
    Planes in = l.in();
    long work = (long) in.count() * (forward ? l.oh() * l.ow() : in.h() * in.w());
    Tensor typed = l.x() != null ? l.x() : l.g();
    device.launch(
        "adj_pool",
        work,
        KernelLayouts.POOL_ARGS,
        a -> {
          a.i32("dtype", typed.dtype().ordinal()).i32("op", l.op());
          a.i32("planes", in.count()).i32("channels", in.c());
          a.i32("height", in.h()).i32("width", in.w());
          a.i32("out_height", l.oh()).i32("out_width", l.ow());
          if (l.x() != null) {
            a.i64("x", Layouts.address(l.x())).i32("x_offset", l.x().offset());
            a.dims("x_strides", strides4(l.x()));
          }
          if (l.g() != null) {
            a.i64("g", Layouts.address(l.g())).i32("g_offset", l.g().offset());
            a.dims("g_strides", strides4(l.g()));
          }
          if (l.out() != null) {
            a.i64("out", Layouts.address(l.out()));
          }
          if (l.argmax() != null) {
            a.i64("argmax", Layouts.address(l.argmax()));
          }
          if (p != null) {
            a.i32("kernel_h", p.kernelH()).i32("kernel_w", p.kernelW());
            a.i32("stride_h", p.strideH()).i32("stride_w", p.strideW());
            a.i32("pad_h", p.padH()).i32("pad_w", p.padW());
            a.i32("dilation_h", p.dilationH()).i32("dilation_w", p.dilationW());
            a.i32("count_include_pad", p.countIncludePad() ? 1 : 0);
          }
        });
  }
}
