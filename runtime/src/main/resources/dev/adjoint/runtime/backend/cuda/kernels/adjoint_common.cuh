// Shared by every Adjoint kernel: the argument structs (mirrored field by field, offset by offset,
// by KernelLayouts.java; KernelLayoutTest compiles this header with the host compiler and compares
// the offsets), element loads and stores for each element type, and the index arithmetic. The
// index arithmetic is __host__ __device__ so that the host test harness runs the very same code.
#ifndef ADJOINT_COMMON_CUH
#define ADJOINT_COMMON_CUH

#ifdef __CUDACC__
#define ADJ_HD __host__ __device__
#else
#define ADJ_HD
#endif

#if defined(__CUDACC_RTC__)
// NVRTC has the CUDA math functions built in but no <math.h>, so no NAN or INFINITY macros
#define ADJ_NAN __longlong_as_double(0x7ff8000000000000ULL)
#define ADJ_INF __longlong_as_double(0x7ff0000000000000ULL)
#else
#include <math.h>
#define ADJ_NAN ((double) NAN)
#define ADJ_INF ((double) INFINITY)
#endif

#define ADJ_MAX_DIMS 8

// DType.ordinal() in Java
#define DT_BOOL 0
#define DT_INT64 1
#define DT_FLOAT32 2
#define DT_FLOAT64 3

// One tensor operand of an elementwise kernel. ptr == 0: a host scalar, whose value is `scalar`.
// dense != 0: its elements lie contiguously in the order of the result's shape, from `offset`.
struct Operand {
  long long ptr;
  double scalar;
  int offset;
  int dtype;
  int dense;
  int strides[ADJ_MAX_DIMS];
  int pad;
};

// out[i] = f(a[i], b[i], c[i]) over the n elements of `shape` (row-major), f chosen by `op`.
struct MapArgs {
  int n;
  int ndim;
  int op;
  int pad;
  double p0;
  double p1;
  int shape[ADJ_MAX_DIMS];
  struct Operand out;
  struct Operand a;
  struct Operand b;
  struct Operand c;
};

// Sum or maximum over the reduced dimensions, for each of `outputs` kept positions. The reduced
// range (`length` elements) is cut into `chunks` runs of `chunk` elements; each run's result goes
// to partial[run * outputs + output] (double), or straight to `out` when there is one run.
struct ReduceArgs {
  long long in;
  long long out;
  long long partial;
  int in_dtype;
  int out_dtype;
  int op;
  int outputs;
  int length;
  int chunks;
  int chunk;
  int in_offset;
  int kept_ndim;
  int red_ndim;
  int kept_shape[ADJ_MAX_DIMS];
  int kept_strides[ADJ_MAX_DIMS];
  int red_shape[ADJ_MAX_DIMS];
  int red_strides[ADJ_MAX_DIMS];
};

// Softmax, log-softmax, or log-softmax's gradient in place, along the middle dimension of a
// contiguous [outer, size, inner] block; one thread per (outer, inner) row.
struct RowArgs {
  long long x;
  long long y;
  long long g;
  int dtype;
  int op;
  int outer;
  int size;
  int inner;
  int x_offset;
  int y_offset;
  int g_offset;
};

// indexSelect and indexAdd: contiguous [outer, count, inner] slices against dimension size `size`
// of x or dst; gather and scatterAdd: coordinates of `index` (shape, strides), dimension `dim`
// replaced by the index's value, into x or dst (strides); src/out with their own strides.
struct IndexArgs {
  long long x;
  long long index;
  long long other;
  long long status;
  int dtype;
  int op;
  int n;
  int outer;
  int count;
  int inner;
  int size;
  int dim;
  int ndim;
  int x_offset;
  int index_offset;
  int other_offset;
  int shape[ADJ_MAX_DIMS];
  int x_shape[ADJ_MAX_DIMS];
  int x_strides[ADJ_MAX_DIMS];
  int index_strides[ADJ_MAX_DIMS];
  int other_strides[ADJ_MAX_DIMS];
};

// ----------------------------------------------------------------------------- elements

ADJ_HD inline double adj_load(long long ptr, int dtype, int at) {
  switch (dtype) {
    case DT_BOOL: return ((const unsigned char*) ptr)[at] ? 1.0 : 0.0;
    case DT_INT64: return (double) ((const long long*) ptr)[at];
    case DT_FLOAT32: return (double) ((const float*) ptr)[at];
    default: return ((const double*) ptr)[at];
  }
}

// Java's (long) cast: NaN is 0, out-of-range values saturate
ADJ_HD inline long long adj_to_long(double v) {
  if (v != v) return 0;
  if (v >= 9.2233720368547758e18) return 0x7fffffffffffffffLL;
  if (v <= -9.2233720368547758e18) return (long long) (-0x7fffffffffffffffLL - 1);
  return (long long) v;
}

ADJ_HD inline void adj_store(long long ptr, int dtype, int at, double v) {
  switch (dtype) {
    case DT_BOOL: ((unsigned char*) ptr)[at] = v != 0 ? 1 : 0; break;
    case DT_INT64: ((long long*) ptr)[at] = adj_to_long(v); break;
    case DT_FLOAT32: ((float*) ptr)[at] = (float) v; break;
    default: ((double*) ptr)[at] = v; break;
  }
}

// ----------------------------------------------------------------------------- index arithmetic

// The storage offset of element i (row-major over shape[0..ndim)) of an operand with `strides`
// (0 in broadcast dimensions) starting at `offset`.
ADJ_HD inline int adj_offset(int i, int ndim, const int* shape, const int* strides, int offset) {
  int at = offset;
  for (int d = ndim - 1; d >= 0; d--) {
    int size = shape[d];
    int q = i / size;
    at += (i - q * size) * strides[d];
    i = q;
  }
  return at;
}

ADJ_HD inline int adj_operand_offset(const struct MapArgs& m, const struct Operand& o, int i) {
  return o.dense ? o.offset + i : adj_offset(i, m.ndim, m.shape, o.strides, o.offset);
}

// The [begin, end) of the reduced elements that run `chunk_index` covers.
ADJ_HD inline void adj_chunk_range(
    int length, int chunk, int chunk_index, int* begin, int* end) {
  long long b = (long long) chunk_index * chunk;
  long long e = b + chunk;
  *begin = b < length ? (int) b : length;
  *end = e < length ? (int) e : length;
}

// An index into a dimension of `size`: its position, or -1 when negative or too large (as PyTorch's
// index_select and gather, negative indices do not count from the end).
ADJ_HD inline int adj_index_in_range(long long value, int size) {
  return value < 0 || value >= size ? -1 : (int) value;
}

// ----------------------------------------------------------------------------- atomics, errors

#ifdef __CUDACC__
__device__ inline void adj_atomic_add(long long ptr, int dtype, int at, double v) {
  if (dtype == DT_FLOAT32) {
    atomicAdd(((float*) ptr) + at, (float) v);
  } else {
    atomicAdd(((double*) ptr) + at, v);
  }
}

// The first out-of-range index of a launch: status = {op + 1, value, dim, size} (op as index.cu
// numbers it); later ones are dropped.
__device__ inline void adj_report(
    long long status, int op, long long value, int dim, int size) {
  long long* s = (long long*) status;
  if (atomicCAS((unsigned long long*) s, 0ULL, (unsigned long long) op + 1) == 0ULL) {
    s[1] = value;
    s[2] = dim;
    s[3] = size;
  }
}
#else
inline void adj_atomic_add(long long ptr, int dtype, int at, double v) {
  adj_store(ptr, dtype, at, adj_load(ptr, dtype, at) + v);
}

inline void adj_report(long long status, int op, long long value, int dim, int size) {
  long long* s = (long long*) status;
  if (s[0] == 0) {
    s[0] = op + 1;
    s[1] = value;
    s[2] = dim;
    s[3] = size;
  }
}
#endif

#endif
