package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Batch norm's kernels on one GPU (kernels/norm.cu). A channel's sums (Σx, Σ(x − mean)², Σg, Σg·(x
 * − mean)) are cut into runs as {@link Reductions} cuts a sum, {@code adj_norm_partial} then {@code
 * adj_norm_finish}, all in double: the mean is kept in double between the two passes of the
 * moments, as the CPU reference keeps it. {@code adj_norm_apply} is the elementwise part. The input
 * and the gradient are made contiguous first; the [C] vectors are read through their strides.
 */
final class Normalization {
  // norm.cu's NORM_* codes
  private static final int MEAN = 0;
  private static final int MOMENTS = 1;
  private static final int GRADIENT_SUMS = 2;
  private static final int WEIGHT_GRAD = 3;
  private static final int FORWARD = 4;
  private static final int INPUT_GRAD = 5;
  private static final int INPUT_GRAD_EVAL = 6;

  private final Gpu device;
  private final CudaBackend backend;

  Normalization(Gpu device, CudaBackend backend) {
    this.device = device;
    this.backend = backend;
  }

  /** [N, C, inner...]: C channels of count = N·inner elements each. */
  private record Channels(int channels, int inner, int count, int numel) {
    static Channels of(int[] shape) {
      int numel = Shape.numel(shape);
      int channels = shape[1];
      int count = numel / Math.max(1, channels);
      return new Channels(channels, count / Math.max(1, shape[0]), count, numel);
    }
  }

  /** The operands of one launch (null where it reads none) and its scratch. */
  private record Operands(
      Tensor x,
      Tensor g,
      Tensor mean,
      Tensor invstd,
      Tensor weight,
      Tensor bias,
      Tensor out,
      Tensor partial,
      Tensor stats) {}

  Tensor moments(Tensor input) {
    Tensor x = backend.dense(input);
    Channels ch = Channels.of(x.shape());
    Tensor out = backend.empty(x.dtype(), new int[] {2, ch.channels()});
    Reductions.Split split = Reductions.split(ch.channels(), ch.count());
    Tensor partial = partials(split, ch);
    Tensor stats = backend.empty(DType.FLOAT64, new int[] {ch.channels()});
    Operands o = new Operands(x, null, null, null, null, null, out, partial, stats);
    sums(MEAN, o, ch, split);
    sums(MOMENTS, o, ch, split);
    release(partial, stats, x == input ? null : x);
    return out;
  }

  Tensor forward(Tensor input, Tensor weight, Tensor bias, Tensor mean, Tensor invstd) {
    Tensor x = backend.dense(input);
    Channels ch = Channels.of(x.shape());
    Tensor y = backend.empty(x.dtype(), x.shape());
    apply(FORWARD, new Operands(x, null, mean, invstd, weight, bias, y, null, null), ch);
    release(x == input ? null : x);
    return y;
  }

  Tensor inputGrad(
      Tensor gradient, Tensor input, Tensor weight, Tensor mean, Tensor invstd, boolean training) {
    Tensor x = backend.dense(input);
    Tensor g = backend.dense(gradient);
    Channels ch = Channels.of(x.shape());
    Tensor dx = backend.empty(x.dtype(), x.shape());
    Tensor partial = null;
    Tensor stats = null;
    if (training) {
      Reductions.Split split = Reductions.split(ch.channels(), ch.count());
      partial = partials(split, ch);
      stats = backend.empty(DType.FLOAT64, new int[] {2 * ch.channels()});
      sums(
          GRADIENT_SUMS,
          new Operands(x, g, mean, invstd, null, null, null, partial, stats),
          ch,
          split);
    }
    apply(
        training ? INPUT_GRAD : INPUT_GRAD_EVAL,
        new Operands(x, g, mean, invstd, weight, null, dx, null, stats),
        ch);
    release(partial, stats, x == input ? null : x, g == gradient ? null : g);
    return dx;
  }

  Tensor weightGrad(Tensor gradient, Tensor input, Tensor mean, Tensor invstd) {
    Tensor x = backend.dense(input);
    Tensor g = backend.dense(gradient);
    Channels ch = Channels.of(x.shape());
    Tensor dw = backend.empty(x.dtype(), new int[] {ch.channels()});
    Reductions.Split split = Reductions.split(ch.channels(), ch.count());
    Tensor partial = partials(split, ch);
    sums(WEIGHT_GRAD, new Operands(x, g, mean, invstd, null, null, dw, partial, null), ch, split);
    release(partial, x == input ? null : x, g == gradient ? null : g);
    return dw;
  }

  // two double sums per run and channel
  private Tensor partials(Reductions.Split split, Channels ch) {
    return backend.empty(DType.FLOAT64, new int[] {2 * split.chunks() * ch.channels()});
  }

  private static void release(Tensor... temporaries) {
    for (Tensor t : temporaries) {
      if (t != null) {
        CudaBackend.release(t);
      }
    }
  }

  private void sums(int op, Operands o, Channels ch, Reductions.Split split) {
    Gpu.ArgsFiller fill = a -> fill(a, op, o, ch, split);
    device.launch(
        "adj_norm_partial", (long) ch.channels() * split.chunks(), KernelLayouts.NORM_ARGS, fill);
    device.launch("adj_norm_finish", ch.channels(), KernelLayouts.NORM_ARGS, fill);
  }

  private void apply(int op, Operands o, Channels ch) {
    device.launch(
        "adj_norm_apply",
        ch.numel(),
        KernelLayouts.NORM_ARGS,
        a -> fill(a, op, o, ch, new Reductions.Split(1, ch.count())));
  }

  private static void fill(
      KernelLayouts.Writer a, int op, Operands o, Channels ch, Reductions.Split split) {
    a.i32("dtype", o.x().dtype().ordinal()).i32("op", op);
    a.i32("channels", ch.channels()).i32("inner", ch.inner()).i32("count", ch.count());
    a.i32("numel", ch.numel()).i32("chunks", split.chunks());
    a.i64("x", Layouts.address(o.x()));
    address(a, "g", o.g());
    address(a, "out", o.out());
    address(a, "partial", o.partial());
    address(a, "stats", o.stats());
    vector(a, "mean", o.mean());
    vector(a, "invstd", o.invstd());
    vector(a, "weight", o.weight());
    vector(a, "bias", o.bias());
  }

  private static void address(KernelLayouts.Writer a, String field, Tensor t) {
    if (t != null) {
      a.i64(field, Layouts.address(t));
    }
  }

  private static void vector(KernelLayouts.Writer a, String field, Tensor v) {
    if (v != null) {
      a.i64(field + ".ptr", Layouts.address(v)).i32(field + ".offset", v.offset());
      a.i32(field + ".stride", v.strides()[0]);
    }
  }
}
