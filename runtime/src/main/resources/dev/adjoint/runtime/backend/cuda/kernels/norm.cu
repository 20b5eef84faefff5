// Batch norm's kernels, as the CPU reference (ReferenceBatchNorm) writes them, in double. The
// per-channel sums are cut into runs (NormArgs): adj_norm_partial sums one run of one channel in
// element order, adj_norm_finish combines a channel's runs in run order, so that the result is
// the same on every run and a float32 sum is rounded once. adj_norm_apply is elementwise.
#include "adjoint_nn.cuh"

// partial sums, then what the finish makes of them
#define NORM_MEAN 0          // Σx;                  stats[c] = Σx/n (double)
#define NORM_MOMENTS 1       // Σ(x − stats[c])²;    out [2, C] = {stats[c], Σ/n}
#define NORM_GRADIENT_SUMS 2 // Σg, Σg·(x − mean[c]); stats = {Σg, Σg·(x − mean)}
#define NORM_WEIGHT_GRAD 3   // as above;            out[c] = Σg·(x − mean[c])·invstd[c]
// elementwise
#define NORM_FORWARD 4       // (x − mean)·invstd·weight + bias
#define NORM_INPUT_GRAD 5    // training, from stats = {Σg, Σg·(x − mean)}
#define NORM_INPUT_GRAD_EVAL 6

ADJ_HD inline double adj_channel(const struct ChannelVector& v, int dtype, int c) {
  return adj_load(v.ptr, dtype, v.offset + c * v.stride);
}

// Thread t: run t % chunks of channel t / chunks. Run r sums the channel's elements r, r + chunks,
// r + 2·chunks, ... in that order, so that neighbouring threads read neighbouring elements.
ADJ_HD inline void adj_norm_partial_element(const struct NormArgs& a, int t) {
  int c = t / a.chunks;
  int run = t - c * a.chunks;
  double centre = a.op == NORM_MOMENTS ? ((const double*) a.stats)[c]
      : a.op == NORM_MEAN              ? 0.0
                                       : adj_channel(a.mean, a.dtype, c);
  double s0 = 0.0;
  double s1 = 0.0;
  for (int e = run; e < a.count; e += a.chunks) {
    // element e of the channel is x[e / inner, c, e % inner]
    int n = e / a.inner;
    int at = (n * a.channels + c) * a.inner + (e - n * a.inner);
    double x = adj_load(a.x, a.dtype, at);
    if (a.op == NORM_MEAN) {
      s0 += x;
    } else if (a.op == NORM_MOMENTS) {
      s0 += (x - centre) * (x - centre);
    } else {
      double g = adj_load(a.g, a.dtype, at);
      s0 += g;
      s1 += g * (x - centre);
    }
  }
  ((double*) a.partial)[2 * run * a.channels + c] = s0;
  ((double*) a.partial)[(2 * run + 1) * a.channels + c] = s1;
}

ADJ_HD inline void adj_norm_finish_element(const struct NormArgs& a, int c) {
  const double* partial = (const double*) a.partial;
  double* stats = (double*) a.stats;
  double s0 = 0.0;
  double s1 = 0.0;
  for (int run = 0; run < a.chunks; run++) {
    s0 += partial[2 * run * a.channels + c];
    s1 += partial[(2 * run + 1) * a.channels + c];
  }
  if (a.op == NORM_MEAN) {
    stats[c] = s0 / a.count;
  } else if (a.op == NORM_MOMENTS) {
    adj_store(a.out, a.dtype, c, stats[c]);
    adj_store(a.out, a.dtype, a.channels + c, s0 / a.count);
  } else if (a.op == NORM_GRADIENT_SUMS) {
    stats[c] = s0;
    stats[a.channels + c] = s1;
  } else {
    adj_store(a.out, a.dtype, c, s1 * adj_channel(a.invstd, a.dtype, c));
  }
}

// Element i of x (and of the result), channel (i / inner) % C.
ADJ_HD inline void adj_norm_apply_element(const struct NormArgs& a, int i) {
  int c = (i / a.inner) % a.channels;
  double mean = adj_channel(a.mean, a.dtype, c);
  double s = adj_channel(a.invstd, a.dtype, c);
  double w = adj_channel(a.weight, a.dtype, c);
  double x = adj_load(a.x, a.dtype, i);
  double y;
  if (a.op == NORM_FORWARD) {
    y = (x - mean) * s * w + adj_channel(a.bias, a.dtype, c);
  } else {
    double g = adj_load(a.g, a.dtype, i);
    if (a.op == NORM_INPUT_GRAD) {
      // weight·invstd·(g − Σg/n − (x − mean)·invstd²·Σg(x − mean)/n)
      const double* stats = (const double*) a.stats;
      g = g - stats[c] / a.count - (x - mean) * s * s * stats[a.channels + c] / a.count;
    }
    y = g * w * s;
  }
  adj_store(a.out, a.dtype, i, y);
}

#ifdef __CUDACC__
extern "C" __global__ void adj_norm_partial(const struct NormArgs a) {
  long long total = (long long) a.channels * a.chunks;
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < total; t += stride) {
    adj_norm_partial_element(a, (int) t);
  }
}

extern "C" __global__ void adj_norm_finish(const struct NormArgs a) {
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long c = (long long) blockIdx.x * blockDim.x + threadIdx.x; c < a.channels;
       c += stride) {
    adj_norm_finish_element(a, (int) c);
  }
}

extern "C" __global__ void adj_norm_apply(const struct NormArgs a) {
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < a.numel; i += stride) {
    adj_norm_apply_element(a, (int) i);
  }
}
#endif
