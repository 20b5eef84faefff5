// Max, average and adaptive average pooling and their adjoints, as the CPU reference
// (ReferencePooling) defines them, every sum in double and rounded once. The forwards run one
// thread per output; the adjoints one thread per input element, which gathers the share of every
// window that holds it (rather than scattering with atomics: no races, the same bits each run).
// Max pooling's adjoint reads the argmax its forward (or a forward run for the indices alone)
// left: a window's gradient goes to its first maximum in row-major order of the taps, or to its
// last NaN, PyTorch's choice.
#include "adjoint_nn.cuh"

#define POOL_MAX 0
#define POOL_MAX_BACKWARD 1
#define POOL_AVG 2
#define POOL_AVG_BACKWARD 3
#define POOL_ADAPTIVE 4
#define POOL_ADAPTIVE_BACKWARD 5

// where plane (n·C + c) of an operand with `strides` starts
ADJ_HD inline int adj_plane_at(const struct PoolArgs& p, int plane, const int* strides, int offset) {
  int n = plane / p.channels;
  return offset + n * strides[0] + (plane - n * p.channels) * strides[1];
}

ADJ_HD inline double adj_pool_x(const struct PoolArgs& p, int base, int h, int w) {
  return adj_load(p.x, p.dtype, base + h * p.x_strides[2] + w * p.x_strides[3]);
}

ADJ_HD inline double adj_pool_g(const struct PoolArgs& p, int plane, int i, int j) {
  int base = adj_plane_at(p, plane, p.g_strides, p.g_offset);
  return adj_load(p.g, p.dtype, base + i * p.g_strides[2] + j * p.g_strides[3]);
}

// average pooling's windows of output (i, j) and its divisor
ADJ_HD inline void adj_avg_windows(const struct PoolArgs& p, int i, int j, struct PoolWindow* rows,
    struct PoolWindow* cols, int* divisor) {
  int padded_rows, padded_cols;
  *rows = adj_avg_window(i, p.height, p.kernel_h, p.stride_h, p.pad_h, &padded_rows);
  *cols = adj_avg_window(j, p.width, p.kernel_w, p.stride_w, p.pad_w, &padded_cols);
  *divisor = p.count_include_pad ? padded_rows * padded_cols
                                 : adj_window_count(*rows) * adj_window_count(*cols);
}

// Output t, row-major over [planes, oH, oW].
ADJ_HD inline void adj_pool_forward_element(const struct PoolArgs& p, int t) {
  int j = t % p.out_width;
  int rest = t / p.out_width;
  int i = rest % p.out_height;
  int plane = rest / p.out_height;
  int base = adj_plane_at(p, plane, p.x_strides, p.x_offset);
  struct PoolWindow rows, cols;
  double result;
  if (p.op == POOL_MAX) {
    rows = adj_max_window(i, p.height, p.kernel_h, p.stride_h, p.pad_h, p.dilation_h);
    cols = adj_max_window(j, p.width, p.kernel_w, p.stride_w, p.pad_w, p.dilation_w);
    // PyTorch's rule: from the first tap, move to a larger value or to any NaN
    long long best = -1;
    double max = -ADJ_INF;
    if (adj_window_count(rows) > 0 && adj_window_count(cols) > 0) {
      best = (long long) rows.start * p.width + cols.start;
      for (int h = rows.start; h < rows.end; h += rows.step) {
        for (int w = cols.start; w < cols.end; w += cols.step) {
          double v = adj_pool_x(p, base, h, w);
          if (v > max || v != v) {
            max = v;
            best = (long long) h * p.width + w;
          }
        }
      }
    }
    if (p.argmax != 0) ((long long*) p.argmax)[t] = best;
    result = max;
  } else {
    int divisor;
    if (p.op == POOL_AVG) {
      adj_avg_windows(p, i, j, &rows, &cols, &divisor);
    } else {
      rows = adj_adaptive_window(i, p.height, p.out_height);
      cols = adj_adaptive_window(j, p.width, p.out_width);
      divisor = adj_window_count(rows) * adj_window_count(cols);
    }
    double sum = 0.0;
    for (int h = rows.start; h < rows.end; h++) {
      for (int w = cols.start; w < cols.end; w++) {
        sum += adj_pool_x(p, base, h, w);
      }
    }
    result = sum / divisor;
  }
  if (p.out != 0) adj_store(p.out, p.dtype, t, result);
}

// max pooling's adjoint at (h, w): the windows whose argmax it is, among those reading it as
// their tap (r, b)
ADJ_HD inline double adj_max_backward_sum(const struct PoolArgs& p, int plane, int h, int w) {
  double sum = 0.0;
  long long here = (long long) h * p.width + w;
  const long long* argmax = (const long long*) p.argmax;
  for (int r = 0; r < p.kernel_h; r++) {
    int i = adj_tap_output(h, r, p.stride_h, p.pad_h, p.dilation_h, p.out_height);
    if (i < 0) continue;
    for (int b = 0; b < p.kernel_w; b++) {
      int j = adj_tap_output(w, b, p.stride_w, p.pad_w, p.dilation_w, p.out_width);
      if (j < 0) continue;
      if (argmax[((long long) plane * p.out_height + i) * p.out_width + j] == here) {
        sum += adj_pool_g(p, plane, i, j);
      }
    }
  }
  return sum;
}

// average pooling's adjoint at (h, w): g/divisor of each window holding it; the windows' ends
// i·sH − pH + kH fall as i falls, so the rows are walked down from the last that can hold h
ADJ_HD inline double adj_avg_backward_sum(const struct PoolArgs& p, int plane, int h, int w) {
  double sum = 0.0;
  int last_i = (h + p.pad_h) / p.stride_h;
  int last_j = (w + p.pad_w) / p.stride_w;
  for (int i = last_i < p.out_height ? last_i : p.out_height - 1; i >= 0; i--) {
    if (i * p.stride_h - p.pad_h + p.kernel_h <= h) break;
    for (int j = last_j < p.out_width ? last_j : p.out_width - 1; j >= 0; j--) {
      if (j * p.stride_w - p.pad_w + p.kernel_w <= w) break;
      struct PoolWindow rows, cols;
      int divisor;
      adj_avg_windows(p, i, j, &rows, &cols, &divisor);
      if (adj_window_holds(rows, h) && adj_window_holds(cols, w)) {
        sum += adj_pool_g(p, plane, i, j) / divisor;
      }
    }
  }
  return sum;
}

// the adaptive windows holding row h are i = ⌊h·oH/H⌋ ..< ⌈(h+1)·oH/H⌉
ADJ_HD inline double adj_adaptive_backward_sum(const struct PoolArgs& p, int plane, int h, int w) {
  double sum = 0.0;
  int i_end = (int) (((long long) (h + 1) * p.out_height + p.height - 1) / p.height);
  int j_end = (int) (((long long) (w + 1) * p.out_width + p.width - 1) / p.width);
  for (int i = (int) ((long long) h * p.out_height / p.height); i < i_end && i < p.out_height; i++) {
    struct PoolWindow rows = adj_adaptive_window(i, p.height, p.out_height);
    if (!adj_window_holds(rows, h)) continue;
    for (int j = (int) ((long long) w * p.out_width / p.width); j < j_end && j < p.out_width; j++) {
      struct PoolWindow cols = adj_adaptive_window(j, p.width, p.out_width);
      if (adj_window_holds(cols, w)) {
        sum += adj_pool_g(p, plane, i, j) / (adj_window_count(rows) * adj_window_count(cols));
      }
    }
  }
  return sum;
}

// Input element t, row-major over [planes, H, W], of an adjoint.
ADJ_HD inline void adj_pool_backward_element(const struct PoolArgs& p, int t) {
  int w = t % p.width;
  int rest = t / p.width;
  int h = rest % p.height;
  int plane = rest / p.height;
  double sum = p.op == POOL_MAX_BACKWARD ? adj_max_backward_sum(p, plane, h, w)
      : p.op == POOL_AVG_BACKWARD        ? adj_avg_backward_sum(p, plane, h, w)
                                         : adj_adaptive_backward_sum(p, plane, h, w);
  adj_store(p.out, p.dtype, t, sum);
}

ADJ_HD inline void adj_pool_element(const struct PoolArgs& p, int t) {
  if (p.op == POOL_MAX || p.op == POOL_AVG || p.op == POOL_ADAPTIVE) {
    adj_pool_forward_element(p, t);
  } else {
    adj_pool_backward_element(p, t);
  }
}

#ifdef __CUDACC__
extern "C" __global__ void adj_pool(const struct PoolArgs p) {
  int forward = p.op == POOL_MAX || p.op == POOL_AVG || p.op == POOL_ADAPTIVE;
  long long total = (long long) p.planes
      * (forward ? p.out_height * p.out_width : p.height * p.width);
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < total; t += stride) {
    adj_pool_element(p, (int) t);
  }
}
#endif
