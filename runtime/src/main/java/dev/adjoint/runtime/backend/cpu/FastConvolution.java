package dev.adjoint.runtime.backend.cpu;

import dev.adjoint.runtime.rules.Conv2dParams;
import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Tensor;

/**
 * Convolution and its gradients as matrix products on the blocked GEMM ({@link Gemm}), for float32
 * and float64. Per group, with W the group's weight as an og × k matrix and X the patch matrix of
 * the batch (k × n·l, {@link Im2col}; one patch per row, {@link Im2colTransposed}):
 *
 * <ul>
 *   <li>forward {@code Y = W·X} (og × n·l, then laid out as NCHW);
 *   <li>input gradient {@code dX = Wᵀ·G}, folded back into the image by col2im;
 *   <li>weight gradient {@code dWᵀ = X·Gᵀ}, X unfolded again from the input.
 * </ul>
 *
 * <p>Each product takes the layout of X (by rows, or transposed: one patch of k per pixel) that its
 * shape runs fastest in, as measured on ResNet-18's layers: few pixels use the transposed patches
 * ({@link #THIN}; the weight gradient {@code dW = G·(Xᵀ)} too where output channels outnumber the
 * pixels, so that only the small side is transposed). A pointwise convolution (1 × 1, stride 1, no
 * padding) needs no unfolding: each image's channels are the patch matrix. The whole batch shares
 * one product, so the small late layers of a network (512 channels of 2 × 2 pixels) still make a
 * product wide enough for the kernel.
 */
final class FastConvolution {
  /**
   * Up to this many output pixels (over the batch) the products work on the transposed patches
   * without the blocked kernel, which would pad the pixels to its 32 columns: the forward one as
   * dot products of W's rows with the patches (below it), the input gradient {@code dXᵀ = Gᵀ·W}
   * with {@link ThinProduct} (up to it), which reads W in place instead of packing it.
   */
  static final int THIN = 16;

  private FastConvolution() {}

  /** Whether these operands take the fast path: float32 or float64 throughout. */
  static boolean applies(Tensor... operands) {
    DType type = operands[0].dtype();
    if (type != DType.FLOAT32 && type != DType.FLOAT64) {
      return false;
    }
    for (Tensor t : operands) {
      if (t != null && t.dtype() != type) {
        return false;
      }
    }
    return true;
  }

  static Tensor forward(Tensor input, Tensor weight, Tensor bias, Conv2dParams p) {
    Tensor x = Dense.of(input);
    Tensor w = Dense.of(weight);
    ConvGeometry s = new ConvGeometry(x.shape(), w.shape(), p);
    Tensor y = Tensor.empty(x.dtype(), s.n, s.o, s.oh, s.ow);
    Dense xs = new Dense(x);
    Dense ws = new Dense(w);
    Dense ys = new Dense(y);
    int nl = s.n * s.l;
    for (int g = 0; g < p.groups(); g++) {
      int wOff = ws.offset + g * s.og * s.k;
      if (s.pointwise()) {
        for (int n = 0; n < s.n; n++) {
          int xOff = xs.offset + (n * s.c + g * s.cg) * s.l;
          int yOff = (n * s.o + g * s.og) * s.l;
          Dense.gemm(
              false, false, s.og, s.l, s.cg, ws.data, wOff, s.k, xs.data, xOff, s.l, 0, ys.data,
              yOff, s.l);
        }
        continue;
      }
      Workspace work = Workspace.get();
      Object col = work.columns(x.dtype(), s.k * nl);
      // few pixels: W times the transposed patches (rows of k), a product of dot products
      boolean transposed = nl < THIN;
      if (transposed) {
        unfoldTransposed(s, xs, g, col);
      } else {
        unfold(s, xs, g, col);
      }
      int ldCol = transposed ? s.k : nl;
      boolean direct = s.n == 1;
      Object out = direct ? ys.data : work.product(x.dtype(), s.og * nl);
      int outOff = direct ? g * s.og * s.l : 0;
      Dense.gemm(
          false, transposed, s.og, nl, s.k, ws.data, wOff, s.k, col, 0, ldCol, 0, out, outOff, nl);
      if (!direct) {
        // out[o][n·l + j] → y[n][g·og + o][j]
        for (int o = 0; o < s.og; o++) {
          for (int n = 0; n < s.n; n++) {
            System.arraycopy(out, o * nl + n * s.l, ys.data, (n * s.o + g * s.og + o) * s.l, s.l);
          }
        }
      }
    }
    if (bias != null) {
      addBias(ys, new Dense(Dense.of(bias)), s);
    }
    return y;
  }

  static Tensor inputGrad(Tensor gradient, Tensor weight, int[] inputShape, Conv2dParams p) {
    Tensor gy = Dense.of(gradient);
    Tensor w = Dense.of(weight);
    ConvGeometry s = new ConvGeometry(inputShape, w.shape(), p);
    Tensor dx = Tensor.empty(gy.dtype(), inputShape);
    Dense gs = new Dense(gy);
    Dense ws = new Dense(w);
    Dense dxs = new Dense(dx);
    int nl = s.n * s.l;
    for (int g = 0; g < p.groups(); g++) {
      int wOff = ws.offset + g * s.og * s.k;
      if (s.pointwise()) {
        for (int n = 0; n < s.n; n++) {
          int gOff = gs.offset + (n * s.o + g * s.og) * s.l;
          int xOff = (n * s.c + g * s.cg) * s.l;
          Dense.gemm(
              true, false, s.cg, s.l, s.og, ws.data, wOff, s.k, gs.data, gOff, s.l, 0, dxs.data,
              xOff, s.l);
        }
        continue;
      }
      Workspace work = Workspace.get();
      Object grouped = groupedGradient(s, gs, g, work);
      int ld = s.n == 1 ? s.l : nl;
      int gOff = s.n == 1 ? gs.offset + g * s.og * s.l : 0;
      Object col = work.columns(gy.dtype(), s.k * nl);
      // few pixels, fewer than patch elements: dXᵀ = Gᵀ·W reads W by rows, in place
      boolean transposed = nl < s.k && nl <= ThinProduct.MAX_ROWS;
      boolean thin = transposed && nl <= THIN;
      if (thin && col instanceof float[] f) {
        // Gᵀ's element (i, o) is G[o, i]
        ThinProduct.multiply(
            nl, s.k, s.og, (float[]) grouped, gOff, 1, ld, (float[]) ws.data, wOff, s.k, f, 0, s.k);
      } else if (transposed) {
        Dense.gemm(
            true, false, nl, s.k, s.og, grouped, gOff, ld, ws.data, wOff, s.k, 0, col, 0, s.k);
      } else {
        Dense.gemm(
            true, false, s.k, nl, s.og, ws.data, wOff, s.k, grouped, gOff, ld, 0, col, 0, nl);
      }
      fold(s, col, transposed, dxs, g);
    }
    return dx;
  }

  static Tensor weightGrad(Tensor gradient, Tensor input, int[] weightShape, Conv2dParams p) {
    Tensor gy = Dense.of(gradient);
    Tensor x = Dense.of(input);
    ConvGeometry s = new ConvGeometry(x.shape(), weightShape, p);
    Tensor dw = Tensor.empty(gy.dtype(), weightShape);
    Dense gs = new Dense(gy);
    Dense xs = new Dense(x);
    Dense dws = new Dense(dw);
    int nl = s.n * s.l;
    for (int g = 0; g < p.groups(); g++) {
      int wOff = g * s.og * s.k;
      if (s.pointwise()) {
        for (int n = 0; n < s.n; n++) {
          int gOff = gs.offset + (n * s.o + g * s.og) * s.l;
          int xOff = xs.offset + (n * s.c + g * s.cg) * s.l;
          Dense.gemm(
              false,
              true,
              s.og,
              s.cg,
              s.l,
              gs.data,
              gOff,
              s.l,
              xs.data,
              xOff,
              s.l,
              n == 0 ? 0 : 1,
              dws.data,
              wOff,
              s.k);
        }
        continue;
      }
      Workspace work = Workspace.get();
      Object grouped = groupedGradient(s, gs, g, work);
      int ld = s.n == 1 ? s.l : nl;
      int gOff = s.n == 1 ? gs.offset + g * s.og * s.l : 0;
      Object col = work.columns(x.dtype(), s.k * nl);
      if (nl >= s.og) {
        // more pixels than output channels: dWᵀ = X·Gᵀ on the patches by rows (unfolded in
        // contiguous runs), then the small og × k result is transposed into place
        unfold(s, xs, g, col);
        Object transposed = work.scratch(x.dtype(), s.k * s.og);
        Dense.gemm(
            false, true, s.k, s.og, nl, col, 0, nl, grouped, gOff, ld, 0, transposed, 0, s.og);
        ParallelRanges.run(
            s.k,
            (long) s.k * s.og,
            (from, to) -> Im2col.transpose(transposed, from, to, s.og, s.og, dws.data, wOff, s.k));
      } else {
        // dW = G·(Xᵀ): the few pixels' patches gathered transposed are B by rows
        unfoldTransposed(s, xs, g, col);
        Dense.gemm(
            false, false, s.og, s.k, nl, grouped, gOff, ld, col, 0, s.k, 0, dws.data, wOff, s.k);
      }
    }
    return dw;
  }

  /** Σ over every dimension but 1 of a dense [N, C, ...] tensor, in double per channel. */
  static Tensor channelSum(Tensor gradient) {
    Tensor g = Dense.of(gradient);
    int[] shape = g.shape();
    int channels = shape[1];
    int inner = g.numel() / Math.max(1, shape[0] * channels);
    double[] sum = new double[channels];
    Dense gs = new Dense(g);
    int batch = shape[0];
    // split by channels: each channel adds its images' planes in image order, as on one thread
    ParallelRanges.run(
        channels,
        g.numel(),
        (c0, c1) -> {
          for (int c = c0; c < c1; c++) {
            for (int n = 0; n < batch; n++) {
              sum[c] += Dense.sum(gs.data, gs.offset + (n * channels + c) * inner, inner);
            }
          }
        });
    return Tensor.fromArray(g.dtype(), sum, channels);
  }

  // the patch matrix of group g of every image, images side by side: k × n·l
  private static void unfold(ConvGeometry s, Dense xs, int g, Object col) {
    int nl = s.n * s.l;
    ParallelRanges.run(
        s.n,
        s.cg,
        (long) s.k * nl,
        (n, c0, c1) -> {
          int xOff = xs.offset + (n * s.c + g * s.cg) * s.h * s.w;
          if (col instanceof float[] f) {
            Im2col.im2col(s, (float[]) xs.data, xOff, f, n * s.l, nl, c0, c1);
          } else {
            Im2col.im2col(s, (double[]) xs.data, xOff, (double[]) col, n * s.l, nl, c0, c1);
          }
        });
  }

  // the transposed patch matrix of group g of every image, images one after the other: n·l × k
  private static void unfoldTransposed(ConvGeometry s, Dense xs, int g, Object col) {
    ParallelRanges.run(
        s.n,
        s.oh,
        (long) s.k * s.n * s.l,
        (n, i0, i1) -> {
          int xOff = xs.offset + (n * s.c + g * s.cg) * s.h * s.w;
          int at = n * s.l * s.k;
          if (col instanceof float[] f) {
            Im2colTransposed.unfold(s, (float[]) xs.data, xOff, f, at, s.k, i0, i1);
          } else {
            Im2colTransposed.unfold(s, (double[]) xs.data, xOff, (double[]) col, at, s.k, i0, i1);
          }
        });
  }

  // adds the patch matrix of group g (by rows: k × n·l, or transposed: n·l × k) into dx
  private static void fold(ConvGeometry s, Object col, boolean transposed, Dense dxs, int g) {
    int nl = s.n * s.l;
    ParallelRanges.run(
        s.n,
        s.cg,
        (long) s.k * nl,
        (n, c0, c1) -> {
          int dxOff = (n * s.c + g * s.cg) * s.h * s.w;
          if (col instanceof float[] f) {
            float[] dx = (float[]) dxs.data;
            if (transposed) {
              Im2colTransposed.fold(s, f, n * s.l * s.k, s.k, dx, dxOff, c0, c1);
            } else {
              Im2col.col2im(s, f, n * s.l, nl, dx, dxOff, c0, c1);
            }
          } else {
            double[] dx = (double[]) dxs.data;
            double[] d = (double[]) col;
            if (transposed) {
              Im2colTransposed.fold(s, d, n * s.l * s.k, s.k, dx, dxOff, c0, c1);
            } else {
              Im2col.col2im(s, d, n * s.l, nl, dx, dxOff, c0, c1);
            }
          }
        });
  }

  // group g's output gradient as og × n·l (images side by side): the tensor itself for one image,
  // else gathered into the workspace
  private static Object groupedGradient(ConvGeometry s, Dense gs, int g, Workspace work) {
    if (s.n == 1) {
      return gs.data;
    }
    int nl = s.n * s.l;
    Object grouped = work.product(gs.type, s.og * nl);
    ParallelRanges.run(
        s.og,
        (long) s.og * nl,
        (o0, o1) -> {
          for (int o = o0; o < o1; o++) {
            for (int n = 0; n < s.n; n++) {
              System.arraycopy(
                  gs.data,
                  gs.offset + (n * s.o + g * s.og + o) * s.l,
                  grouped,
                  o * nl + n * s.l,
                  s.l);
            }
          }
        });
    return grouped;
  }

  private static void addBias(Dense y, Dense bias, ConvGeometry s) {
    for (int n = 0; n < s.n; n++) {
      for (int o = 0; o < s.o; o++) {
        Dense.addScalar(y.data, (n * s.o + o) * s.l, s.l, bias.get(o));
      }
    }
  }
}
