// Indexing and its adjoints: indexSelect, indexAdd, gather, scatterAdd. An index outside its
// dimension is not followed; the first one is reported in the status words (the operation + 1, the
// index, the dimension and its size), which the host reads
// at its next synchronisation and turns into the CPU backend's IndexOutOfBoundsException. The
// additions are atomic, so several indices naming one position all add (in an unspecified order).
#include "adjoint_common.cuh"

#define INDEX_SELECT 0
#define INDEX_ADD 1
#define INDEX_GATHER 2
#define INDEX_SCATTER_ADD 3

// indexSelect / indexAdd: element t of the [outer, count, inner] side that the index walks
ADJ_HD inline void adj_index_slices_element(const struct IndexArgs& a, int t) {
  int in = t % a.inner;
  int rest = t / a.inner;
  int j = rest % a.count;
  int o = rest / a.count;
  long long value = ((const long long*) a.index)[a.index_offset + j * a.index_strides[0]];
  int pos = adj_index_in_range(value, a.size);
  if (pos < 0) {
    adj_report(a.status, a.op, value, a.dim, a.size);
    return;
  }
  int x_at = a.x_offset + (o * a.size + pos) * a.inner + in;
  int other_at = a.other_offset + t;
  if (a.op == INDEX_SELECT) {
    adj_store(a.other, a.dtype, other_at, adj_load(a.x, a.dtype, x_at));
  } else {
    adj_atomic_add(a.x, a.dtype, x_at, adj_load(a.other, a.dtype, other_at));
  }
}

// gather / scatterAdd: element t of the index, its coordinates with dim replaced by its value
ADJ_HD inline void adj_index_gather_element(const struct IndexArgs& a, int t) {
  int rest = t;
  int x_at = a.x_offset;
  int index_at = a.index_offset;
  int other_at = a.other_offset;
  for (int d = a.ndim - 1; d >= 0; d--) {
    int size = a.shape[d];
    int q = rest / size;
    int c = rest - q * size;
    rest = q;
    index_at += c * a.index_strides[d];
    other_at += c * a.other_strides[d];
    if (d != a.dim) {
      x_at += c * a.x_strides[d];
    }
  }
  long long value = ((const long long*) a.index)[index_at];
  int pos = adj_index_in_range(value, a.x_shape[a.dim]);
  if (pos < 0) {
    adj_report(a.status, a.op, value, a.dim, a.x_shape[a.dim]);
    return;
  }
  x_at += pos * a.x_strides[a.dim];
  if (a.op == INDEX_GATHER) {
    adj_store(a.other, a.dtype, other_at, adj_load(a.x, a.dtype, x_at));
  } else {
    adj_atomic_add(a.x, a.dtype, x_at, adj_load(a.other, a.dtype, other_at));
  }
}

ADJ_HD inline void adj_index_element(const struct IndexArgs& a, int t) {
  if (a.op == INDEX_SELECT || a.op == INDEX_ADD) {
    adj_index_slices_element(a, t);
  } else {
    adj_index_gather_element(a, t);
  }
}

#ifdef __CUDACC__
extern "C" __global__ void adj_index(const struct IndexArgs a) {
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long t = (long long) blockIdx.x * blockDim.x + threadIdx.x; t < a.n; t += stride) {
    adj_index_element(a, (int) t);
  }
}
#endif
