// Operations along one dimension of a contiguous [outer, size, inner] block, one thread per row
// (an (outer, inner) pair): softmax and log-softmax (shifted by the row's maximum), and
// log-softmax's gradient written over its result. Each follows the CPU reference step by step:
// softmax in double, rounded once on store; the gradient with float32 rounding after each
// operation where the CPU backend rounds, so that both give the same bits up to exp's last bit.
#include "adjoint_common.cuh"

#define ROWS_SOFTMAX 0
#define ROWS_LOG_SOFTMAX 1
#define ROWS_LOG_SOFTMAX_BACKWARD 2

ADJ_HD inline void adj_softmax_row(const struct RowArgs& r, int row) {
  int o = row / r.inner;
  int base = o * r.size * r.inner + (row - o * r.inner);
  double max = -ADJ_INF;
  for (int j = 0; j < r.size; j++) {
    double v = adj_load(r.x, r.dtype, r.x_offset + base + j * r.inner);
    max = v != v || max != max ? ADJ_NAN : (v > max ? v : max);
  }
  // no shift of ±∞ to 0: x − max is then NaN where PyTorch's is, and the whole row NaN with it
  double sum = 0.0;
  for (int j = 0; j < r.size; j++) {
    sum += exp(adj_load(r.x, r.dtype, r.x_offset + base + j * r.inner) - max);
  }
  double log_sum = log(sum);
  for (int j = 0; j < r.size; j++) {
    int at = base + j * r.inner;
    double v = adj_load(r.x, r.dtype, r.x_offset + at);
    double out = r.op == ROWS_LOG_SOFTMAX ? v - max - log_sum : exp(v - max) / sum;
    adj_store(r.y, r.dtype, r.y_offset + at, out);
  }
}

// y = g − exp(y)·Σ_j g, over y's own elements
ADJ_HD inline void adj_log_softmax_backward_row(const struct RowArgs& r, int row) {
  int o = row / r.inner;
  int base = o * r.size * r.inner + (row - o * r.inner);
  int single = r.dtype == DT_FLOAT32;
  double sum = 0.0;
  for (int j = 0; j < r.size; j++) {
    double v = adj_load(r.g, r.dtype, r.g_offset + base + j * r.inner);
    sum = single ? (double) (float) (sum + v) : sum + v;
  }
  for (int j = 0; j < r.size; j++) {
    int at = base + j * r.inner;
    double e = exp(adj_load(r.y, r.dtype, r.y_offset + at));
    double scaled = single ? (double) (float) ((double) (float) e * sum) : e * sum;
    adj_store(r.y, r.dtype, r.y_offset + at, adj_load(r.g, r.dtype, r.g_offset + at) - scaled);
  }
}

ADJ_HD inline void adj_rows_element(const struct RowArgs& r, int row) {
  if (r.op == ROWS_LOG_SOFTMAX_BACKWARD) {
    adj_log_softmax_backward_row(r, row);
  } else {
    adj_softmax_row(r, row);
  }
}

#ifdef __CUDACC__
extern "C" __global__ void adj_rows(const struct RowArgs r) {
  long long rows = (long long) r.outer * r.inner;
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < rows; t += stride) {
    adj_rows_element(r, (int) t);
  }
}
#endif
