package dev.adjoint.runtime.backend.cuda;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;
import dev.adjoint.runtime.tensor.Views;

/**
 * Convolution and its gradients on one GPU as im2col and cuBLAS products (kernels/conv.cu). For a
 * chunk of images, X is the patch matrix [G][k][images·L] (k = C/G·kH·kW, L = oH·oW, {@code
 * adj_im2col}), W_g the og × k weight of group g, G the output's gradient as [O][images·L]; each
 * product is one strided-batched call over the groups:
 *
 * <ul>
 *   <li>forward {@code Y_g = W_g·X_g}, then laid out as NCHW (written in place for one image);
 *   <li>input gradient {@code X̄_g = W_gᵀ·G_g}, folded back into the image by {@code adj_col2im};
 *   <li>weight gradient {@code W̄_g = Σ_chunks G_g·X_gᵀ}, the input unfolded again.
 * </ul>
 *
 * Chunks hold as many images as keep the patch matrix within {@link Gpu#patchMatrixBytes} ({@link
 * #MAX_PATCH_BYTES}: all 32 of ResNet-18's at 224 × 224 in float32). Float32 products are cuBLAS's
 * in float32; the sums are within the CPU backend's own rounding bound of its result
 * (docs/runtime.md, "GPUs").
 */
final class Convolution {
  /** The largest patch matrix of a chunk on a GPU: one of the allocator's segments. */
  static final long MAX_PATCH_BYTES = 1L << 28;

  private final Gpu device;
  private final CudaBackend backend;

  Convolution(Gpu device, CudaBackend backend) {
    this.device = device;
    this.backend = backend;
  }

  /** The sizes of one convolution, as the formulas name them. */
  record Geometry(
      int n, int c, int h, int w, int o, int cg, int kh, int kw, int oh, int ow, Conv2dParams p) {
    static Geometry of(int[] input, int[] weight, Conv2dParams p) {
      return new Geometry(
          input[0],
          input[1],
          input[2],
          input[3],
          weight[0],
          weight[1],
          weight[2],
          weight[3],
          p.outputHeight(input[2], weight[2]),
          p.outputWidth(input[3], weight[3]),
          p);
    }

    int groups() {
      return p.groups();
    }

    int og() {
      return o / p.groups();
    }

    /** The length of one patch: a row of W_g. */
    int k() {
      return cg * kh * kw;
    }

    /** The pixels of one output plane. */
    int l() {
      return oh * ow;
    }

    /** The patch matrix's rows over all groups. */
    int patchRows() {
      return c * kh * kw;
    }

    /** Images per chunk: as many as keep the patch matrix within {@code limit} bytes. */
    int chunk(DType type, long limit) {
      long perImage = (long) patchRows() * l();
      if (perImage > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "conv2d on CUDA: one image's patch matrix would hold "
                + perImage
                + " elements ("
                + patchRows()
                + " taps × "
                + l()
                + " output pixels), more than the kernels index (2³¹ − 1): split the image or"
                + " use fewer input channels per convolution");
      }
      return (int) Math.max(1, Math.min(n, limit / (perImage * type.byteSize())));
    }
  }

  Tensor forward(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    Tensor x = backend.onDevice(input);
    Tensor w = backend.dense(weight);
    Geometry s = Geometry.of(x.shape(), w.shape(), p);
    DType type = x.dtype();
    Tensor y = backend.empty(type, new int[] {s.n, s.o, s.oh, s.ow});
    int chunk = s.chunk(type, device.patchMatrixBytes());
    for (int first = 0; first < s.n; first += chunk) {
      int images = Math.min(chunk, s.n - first);
      int nl = images * s.l();
      Tensor col = im2col(x, s, first, images);
      // one image's [O][L] is its NCHW layout already; more are [O][images·L], laid out below
      Tensor product = images == 1 ? null : backend.empty(type, new int[] {s.o, nl});
      long out = product == null ? at(y, (long) first * s.o * s.l()) : at(product, 0);
      products(
          type,
          s,
          new Product(s.og(), nl, s.k()),
          new Matrix(at(w, 0), s.k(), (long) s.og() * s.k(), false),
          new Matrix(at(col, 0), nl, (long) s.k() * nl, false),
          new Matrix(out, nl, (long) s.og() * nl, false),
          false);
      CudaBackend.release(col);
      if (product != null) {
        // y[first + n, o, j] = product[o, n·L + j]
        backend.copyInto(
            Tensor.view(
                y.storage(),
                first * s.o * s.l(),
                new int[] {images, s.o, s.l()},
                new int[] {s.o * s.l(), s.l(), 1}),
            Tensor.view(
                product.storage(), 0, new int[] {images, s.o, s.l()}, new int[] {s.l(), nl, 1}));
        CudaBackend.release(product);
      }
    }
    if (w != weight) {
      CudaBackend.release(w);
    }
    if (bias != null) {
      backend.addScaledInPlace(y, Views.unsqueeze(Views.unsqueeze(bias, 1), 2), 1);
    }
    return y;
  }

  Tensor inputGrad(Tensor gradient, Tensor weight, int[] inputShape, Conv2dParams p) {
    Tensor g = backend.onDevice(gradient);
    Tensor w = backend.dense(weight);
    Geometry s = Geometry.of(inputShape, w.shape(), p);
    DType type = g.dtype();
    Tensor dx = backend.empty(type, inputShape);
    int chunk = s.chunk(type, device.patchMatrixBytes());
    for (int first = 0; first < s.n; first += chunk) {
      int images = Math.min(chunk, s.n - first);
      int nl = images * s.l();
      Tensor rows = gradientRows(g, first, images);
      Tensor col = backend.empty(type, new int[] {s.patchRows(), nl});
      products(
          type,
          s,
          new Product(s.k(), nl, s.og()),
          new Matrix(at(w, 0), s.k(), (long) s.og() * s.k(), true),
          new Matrix(at(rows, rows.offset()), nl, (long) s.og() * nl, false),
          new Matrix(at(col, 0), nl, (long) s.k() * nl, false),
          false);
      releaseCopy(rows, g);
      int from = first;
      device.launch(
          "adj_col2im",
          (long) images * s.c * s.h * s.w,
          KernelLayouts.CONV_ARGS,
          a -> fill(a, s, dx, col, from, images));
      CudaBackend.release(col);
    }
    if (w != weight) {
      CudaBackend.release(w);
    }
    return dx;
  }

  Tensor weightGrad(Tensor gradient, Tensor input, int[] weightShape, Conv2dParams p) {
    Tensor g = backend.onDevice(gradient);
    Tensor x = backend.onDevice(input);
    Geometry s = Geometry.of(x.shape(), weightShape, p);
    DType type = g.dtype();
    Tensor dw = backend.empty(type, weightShape);
    if (s.n == 0) {
      backend.fill(dw, 0);
      return dw;
    }
    int chunk = s.chunk(type, device.patchMatrixBytes());
    for (int first = 0; first < s.n; first += chunk) {
      int images = Math.min(chunk, s.n - first);
      int nl = images * s.l();
      Tensor rows = gradientRows(g, first, images);
      Tensor col = im2col(x, s, first, images);
      products(
          type,
          s,
          new Product(s.og(), s.k(), nl),
          new Matrix(at(rows, rows.offset()), nl, (long) s.og() * nl, false),
          new Matrix(at(col, 0), nl, (long) s.k() * nl, true),
          new Matrix(at(dw, 0), s.k(), (long) s.og() * s.k(), false),
          first > 0);
      releaseCopy(rows, g);
      CudaBackend.release(col);
    }
    return dw;
  }

  private Tensor im2col(Tensor x, Geometry s, int first, int images) {
    Tensor col = backend.empty(x.dtype(), new int[] {s.patchRows(), images * s.l()});
    device.launch(
        "adj_im2col",
        (long) col.numel(),
        KernelLayouts.CONV_ARGS,
        a -> fill(a, s, x, col, first, images));
    return col;
  }

  private static void fill(
      KernelLayouts.Writer a, Geometry s, Tensor image, Tensor col, int first, int images) {
    Conv2dParams p = s.p;
    a.i64("x", Layouts.address(image)).i64("col", Layouts.address(col));
    a.i32("dtype", image.dtype().ordinal()).i32("first", first).i32("images", images);
    a.i32("channels", s.c).i32("height", s.h).i32("width", s.w);
    a.i32("out_height", s.oh).i32("out_width", s.ow);
    a.i32("kernel_h", s.kh).i32("kernel_w", s.kw);
    a.i32("stride_h", p.strideH()).i32("stride_w", p.strideW());
    a.i32("pad_h", p.padH()).i32("pad_w", p.padW());
    a.i32("dilation_h", p.dilationH()).i32("dilation_w", p.dilationW());
    a.i32("x_offset", image.offset()).dims("x_strides", image.strides());
  }

  /**
   * The output gradient of images {@code first ..< first + images} as the matrix [O][images·L]: g's
   * own elements for one image of a contiguous g, else a copy.
   */
  private Tensor gradientRows(Tensor g, int first, int images) {
    Tensor slice = Views.narrow(g, 0, first, images);
    if (images == 1 && slice.isContiguous()) {
      return slice;
    }
    return backend.copy(Views.permute(slice, new int[] {1, 0, 2, 3}), g.dtype());
  }

  private static void releaseCopy(Tensor rows, Tensor of) {
    if (rows.storage() != of.storage()) {
      CudaBackend.release(rows);
    }
  }

  // the device address of element `index` of t's storage
  private static long at(Tensor t, long index) {
    return Layouts.address(t) + index * t.dtype().byteSize();
  }

  /** The sizes of a product {@code C = op(A)·op(B)}: C is m × n, the inner dimension k. */
  private record Product(int m, int n, int k) {}

  /**
   * A row-major matrix per group: group g's starts {@code g·groupStride} elements after {@code
   * address}, rows {@code ld} apart; {@code transposed}: the product reads it transposed.
   */
  private record Matrix(long address, int ld, long groupStride, boolean transposed) {}

  /**
   * {@code C_g = op(A_g)·op(B_g)} (added to C_g when {@code accumulate}) for every group, as one
   * column-major cuBLAS call: row-major C is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, so B goes first and
   * each operand keeps its own transposition (see {@link GemmPlan}).
   */
  private void products(
      DType type, Geometry s, Product size, Matrix a, Matrix b, Matrix c, boolean accumulate) {
    device.gemm(
        type == DType.FLOAT32,
        new GemmPlan.Call(
            b.transposed(),
            a.transposed(),
            size.n(),
            size.m(),
            size.k(),
            1,
            b.address(),
            b.ld(),
            b.groupStride(),
            a.address(),
            a.ld(),
            a.groupStride(),
            accumulate ? 1 : 0,
            c.address(),
            c.ld(),
            c.groupStride(),
            s.groups()));
  }
}
