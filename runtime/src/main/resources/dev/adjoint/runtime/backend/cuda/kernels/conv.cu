// The two halves of convolution that are not matrix products (those are cuBLAS's): im2col, which
// unfolds the input into the patch matrix (adjoint_nn.cuh's ConvArgs), and col2im, its adjoint,
// which folds a patch-shaped gradient back into the image. With them, for group g and W_g its
// og × k weight, the forward is Y_g = W_g·X_g, the input gradient col2im(W_gᵀ·G_g), the weight
// gradient G_g·X_gᵀ. col2im gathers (one thread per input element sums the entries that read it,
// in double, rounded once) rather than scattering with atomics: no races, the same bits each run.
#include "adjoint_nn.cuh"

// Entry t of the patch matrix, row-major over [C·kh·kw][images·oH·oW].
ADJ_HD inline void adj_im2col_element(const struct ConvArgs& a, int t) {
  int plane = a.out_height * a.out_width;
  int columns = a.images * plane;
  int row = t / columns;
  int column = t - row * columns;
  int b = row % a.kernel_w;
  int rest = row / a.kernel_w;
  int r = rest % a.kernel_h;
  int c = rest / a.kernel_h;
  int n = column / plane;
  int pixel = column - n * plane;
  int i = pixel / a.out_width;
  int j = pixel - i * a.out_width;
  int h = i * a.stride_h - a.pad_h + r * a.dilation_h;
  int w = j * a.stride_w - a.pad_w + b * a.dilation_w;
  double v = 0.0;
  if (h >= 0 && h < a.height && w >= 0 && w < a.width) {
    int at = a.x_offset + (a.first + n) * a.x_strides[0] + c * a.x_strides[1]
        + h * a.x_strides[2] + w * a.x_strides[3];
    v = adj_load(a.x, a.dtype, at);
  }
  adj_store(a.col, a.dtype, t, v);
}

// Element t (row-major over [images, C, H, W]) of the input gradient: the sum of the patch
// entries that read it, the taps (r, b) with h = i·sH − pH + r·dH and w = j·sW − pW + b·dW.
ADJ_HD inline void adj_col2im_element(const struct ConvArgs& a, int t) {
  int w = t % a.width;
  int rest = t / a.width;
  int h = rest % a.height;
  rest /= a.height;
  int c = rest % a.channels;
  int n = rest / a.channels;
  int plane = a.out_height * a.out_width;
  int columns = a.images * plane;
  double sum = 0.0;
  for (int r = 0; r < a.kernel_h; r++) {
    int i = adj_tap_output(h, r, a.stride_h, a.pad_h, a.dilation_h, a.out_height);
    if (i < 0) continue;
    for (int b = 0; b < a.kernel_w; b++) {
      int j = adj_tap_output(w, b, a.stride_w, a.pad_w, a.dilation_w, a.out_width);
      if (j < 0) continue;
      int row = (c * a.kernel_h + r) * a.kernel_w + b;
      sum += adj_load(a.col, a.dtype, row * columns + n * plane + i * a.out_width + j);
    }
  }
  int at = a.x_offset + (a.first + n) * a.x_strides[0] + c * a.x_strides[1] + h * a.x_strides[2]
      + w * a.x_strides[3];
  adj_store(a.x, a.dtype, at, sum);
}

#ifdef __CUDACC__
extern "C" __global__ void adj_im2col(const struct ConvArgs a) {
  long long total = (long long) a.channels * a.kernel_h * a.kernel_w * a.images * a.out_height
      * a.out_width;
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < total; t += stride) {
    adj_im2col_element(a, (int) t);
  }
}

extern "C" __global__ void adj_col2im(const struct ConvArgs a) {
  long long total = (long long) a.images * a.channels * a.height * a.width;
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < total; t += stride) {
    adj_col2im_element(a, (int) t);
  }
}
#endif
