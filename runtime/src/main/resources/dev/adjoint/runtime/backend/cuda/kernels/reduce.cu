// Sums and maxima over dimensions. Each thread reduces one run of the reduced elements for one
// kept position, in index order, accumulating in double; a second kernel combines the runs in run
// order. No atomics, so the result is the same on every run. A float32 sum is thus rounded once,
// at the end (the CPU reference rounds after every addition: the two differ by at most the CPU's
// own rounding error, (n - 1)·2^-24·Σ|x|).
#include "adjoint_common.cuh"

#define REDUCE_SUM 0
#define REDUCE_MAX 1

ADJ_HD inline double adj_reduce_start(int op) {
  return op == REDUCE_SUM ? 0.0 : -ADJ_INF;
}

// the CPU backend's rule: a NaN, once met, stays
ADJ_HD inline double adj_reduce_step(int op, double acc, double v) {
  if (op == REDUCE_SUM) return acc + v;
  if (v > acc || v != v) return acc != acc ? acc : v;
  return acc;
}

// The result of run `run` for kept position `output`.
ADJ_HD inline double adj_reduce_run(const struct ReduceArgs& r, int output, int run) {
  int base = adj_offset(output, r.kept_ndim, r.kept_shape, r.kept_strides, r.in_offset);
  int begin, end;
  adj_chunk_range(r.length, r.chunk, run, &begin, &end);
  double acc = adj_reduce_start(r.op);
  for (int k = begin; k < end; k++) {
    double v = adj_load(r.in, r.in_dtype, adj_offset(k, r.red_ndim, r.red_shape, r.red_strides, base));
    acc = adj_reduce_step(r.op, acc, v);
  }
  return acc;
}

// Thread t: run t / outputs of position t % outputs (neighbouring threads, neighbouring outputs).
ADJ_HD inline void adj_reduce_partial_element(const struct ReduceArgs& r, int t) {
  int output = t % r.outputs;
  int run = t / r.outputs;
  double acc = adj_reduce_run(r, output, run);
  if (r.chunks == 1) {
    adj_store(r.out, r.out_dtype, output, acc);
  } else {
    ((double*) r.partial)[t] = acc;
  }
}

ADJ_HD inline void adj_reduce_finish_element(const struct ReduceArgs& r, int output) {
  double acc = adj_reduce_start(r.op);
  for (int run = 0; run < r.chunks; run++) {
    acc = adj_reduce_step(r.op, acc, ((const double*) r.partial)[run * r.outputs + output]);
  }
  adj_store(r.out, r.out_dtype, output, acc);
}

#ifdef __CUDACC__
extern "C" __global__ void adj_reduce_partial(const struct ReduceArgs r) {
  long long total = (long long) r.outputs * r.chunks;
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < total; t += stride) {
    adj_reduce_partial_element(r, (int) t);
  }
}

extern "C" __global__ void adj_reduce_finish(const struct ReduceArgs r) {
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long o = (long long) blockIdx.x * blockDim.x + threadIdx.x; o < r.outputs; o += stride) {
    adj_reduce_finish_element(r, (int) o);
  }
}
#endif
