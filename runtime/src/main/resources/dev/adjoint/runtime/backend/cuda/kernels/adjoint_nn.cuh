// The argument structs of the convolution, pooling and batch-norm kernels (conv.cu, pool.cu,
// norm.cu), mirrored field by field by KernelLayouts.java and checked by KernelLayoutTest as the
// ones of adjoint_common.cuh are, and the window arithmetic the pooling kernels share with the CPU
// reference (ReferencePooling.Window).
#ifndef ADJOINT_NN_CUH
#define ADJOINT_NN_CUH

#include "adjoint_common.cuh"

// The patch matrix of a convolution, for `images` images from image `first` of an input
// [N, C, H, W] read through x_strides from x_offset: row (c·kh + a)·kw + b, column
// (n − first)·oH·oW + i·oW + j holds x[n, c, i·sH − pH + a·dH, j·sW − pW + b·dW] (0 in the
// padding). The rows of group g are the rows g·k ..< (g + 1)·k, k = C/G·kh·kw: the patch matrix
// is [G][k][images·oH·oW]. im2col writes it; col2im sums it back into an image-shaped gradient.
struct ConvArgs {
  long long x;
  long long col;
  int dtype;
  int first;
  int images;
  int channels;
  int height;
  int width;
  int out_height;
  int out_width;
  int kernel_h;
  int kernel_w;
  int stride_h;
  int stride_w;
  int pad_h;
  int pad_w;
  int dilation_h;
  int dilation_w;
  int x_offset;
  int x_strides[4];
  int pad;
};

// Max, average and adaptive average pooling and their adjoints over `planes` = N·C planes of
// H × W (x, read through x_strides) and oH × oW (g, through g_strides). `out` is contiguous: the
// pooled planes, or the input-shaped adjoint. `argmax` holds, per window, the input position
// h·W + w of its maximum (−1 when none), which max pooling's forward writes and its adjoint reads.
struct PoolArgs {
  long long x;
  long long g;
  long long out;
  long long argmax;
  int dtype;
  int op;
  int planes;
  int channels;
  int height;
  int width;
  int out_height;
  int out_width;
  int kernel_h;
  int kernel_w;
  int stride_h;
  int stride_w;
  int pad_h;
  int pad_w;
  int dilation_h;
  int dilation_w;
  int count_include_pad;
  int x_offset;
  int g_offset;
  int x_strides[4];
  int g_strides[4];
  int pad;
};

// A per-channel vector [C] (weight, bias, mean, invstd) read at offset + c·stride.
struct ChannelVector {
  long long ptr;
  int offset;
  int stride;
};

// Batch norm over contiguous x and g of [N, C, inner] (count = N·inner elements per channel).
// Per-channel sums run in `chunks` runs, run r taking a channel's elements r, r + chunks, ...;
// run r of channel c writes its two double sums to partial[(2·r + q)·C + c], and the finishing
// kernel combines the runs in run order into stats[q·C + c] (double), or into `out` where the
// result is a [C] or [2, C] tensor.
struct NormArgs {
  long long x;
  long long g;
  long long out;
  long long partial;
  long long stats;
  struct ChannelVector mean;
  struct ChannelVector invstd;
  struct ChannelVector weight;
  struct ChannelVector bias;
  int dtype;
  int op;
  int channels;
  int inner;
  int count;
  int numel;
  int chunks;
  int pad;
};

// ----------------------------------------------------------------------------- windows

// The output row (or column) that reads input position `at` as its tap `tap`, where output i reads
// i·stride − pad + tap·dilation: that i, or −1 when no output in 0 ..< out does.
ADJ_HD inline int adj_tap_output(int at, int tap, int stride, int pad, int dilation, int out) {
  int from = at + pad - tap * dilation;
  if (from < 0 || from % stride != 0 || from / stride >= out) return -1;
  return from / stride;
}


// The taps start, start + step, ... < end of one output row (or column) of a pooling window.
struct PoolWindow {
  int start;
  int end;
  int step;
};

ADJ_HD inline int adj_window_count(struct PoolWindow w) {
  return w.end <= w.start ? 0 : (w.end - w.start + w.step - 1) / w.step;
}

// Max pooling's taps inside an input of `size`: PyTorch's clipped start and end.
ADJ_HD inline struct PoolWindow adj_max_window(
    int i, int size, int kernel, int stride, int pad, int dilation) {
  struct PoolWindow w;
  w.start = i * stride - pad;
  int end = w.start + (kernel - 1) * dilation + 1;
  w.end = end < size ? end : size;
  while (w.start < 0) w.start += dilation;
  w.step = dilation;
  return w;
}

// Average pooling's window clipped to the input; *padded gets its taps inside the padded input.
ADJ_HD inline struct PoolWindow adj_avg_window(
    int i, int size, int kernel, int stride, int pad, int* padded) {
  struct PoolWindow w;
  int start = i * stride - pad;
  int end = start + kernel < size + pad ? start + kernel : size + pad;
  *padded = end - start;
  w.start = start > 0 ? start : 0;
  w.end = end < size ? end : size;
  w.step = 1;
  return w;
}

// PyTorch's adaptive window: ⌊i·size/out⌋ ..< ⌈(i+1)·size/out⌉.
ADJ_HD inline struct PoolWindow adj_adaptive_window(int i, int size, int out) {
  struct PoolWindow w;
  w.start = (int) ((long long) i * size / out);
  w.end = (int) (((long long) (i + 1) * size + out - 1) / out);
  w.step = 1;
  return w;
}

ADJ_HD inline int adj_window_holds(struct PoolWindow w, int at) {
  return at >= w.start && at < w.end && (at - w.start) % w.step == 0;
}

#endif
