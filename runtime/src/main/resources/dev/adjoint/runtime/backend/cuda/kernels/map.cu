// Every elementwise operation of the Backend in one kernel: unary and binary ElementwiseOps,
// the Pointwise functions, comparisons, where, copies and conversions, and the in-place updates.
// Elements are read as double and the result rounded once to the output's type on store, as the
// CPU reference backend does (for + - * / and sqrt that is exactly float arithmetic).
#include "adjoint_common.cuh"

// ElementwiseOp.ordinal()
#define OP_ADD 0
#define OP_SUBTRACT 1
#define OP_MULTIPLY 2
#define OP_DIVIDE 3
#define OP_NEGATE 4
#define OP_EXP 5
#define OP_EXPM1 6
#define OP_LOG 7
#define OP_LOG1P 8
#define OP_LOG10 9
#define OP_SQRT 10
#define OP_CBRT 11
#define OP_POW 12
#define OP_HYPOT 13
#define OP_SIN 14
#define OP_COS 15
#define OP_TAN 16
#define OP_ASIN 17
#define OP_ACOS 18
#define OP_ATAN 19
#define OP_ATAN2 20
#define OP_SINH 21
#define OP_COSH 22
#define OP_TANH 23
#define OP_ABS 24
#define OP_MAX 25
#define OP_MIN 26
#define OP_FLOOR 27
#define OP_CEIL 28
#define OP_RINT 29
#define OP_SIGNUM 30
// 100 + Pointwise.ordinal()
#define OP_SIGMOID 100
#define OP_RELU 101
#define OP_SOFTPLUS 102
#define OP_CLAMP 103
// 200 + Relation.ordinal()
#define OP_GREATER 200
#define OP_GREATER_OR_EQUAL 201
#define OP_EQUAL 202
// a ? b : c; a; a + p0·b; a·p0; p0; a > 0 ? b : +0
#define OP_WHERE 300
#define OP_COPY 301
#define OP_AXPY 302
#define OP_SCALE 303
#define OP_FILL 304
#define OP_KEEP_POSITIVE 305

// java.lang.Math.max/min: NaN wins, and +0 is larger than -0
ADJ_HD inline double adj_max(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a == 0.0 && b == 0.0) return signbit(a) ? b : a;
  return a >= b ? a : b;
}

ADJ_HD inline double adj_min(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a == 0.0 && b == 0.0) return signbit(a) ? a : b;
  return a <= b ? a : b;
}

// x^y as PyTorch and the CPU backend compute it: x², x³ as products, else C's pow (1^y = 1 for
// every y, NaN included; (-1)^±∞ = 1)
ADJ_HD inline double adj_pow(double x, double y) {
  if (y == 2.0) return x * x;
  if (y == 3.0) return x * x * x;
  return pow(x, y);
}

ADJ_HD inline double adj_signum(double v) {
  return v != v || v == 0.0 ? v : (v > 0.0 ? 1.0 : -1.0);
}

// 1/(1 + e^-x) for x >= 0, e^x/(1 + e^x) below: neither form overflows on its side
ADJ_HD inline double adj_sigmoid(double v) {
  if (v >= 0.0) return 1.0 / (1.0 + exp(-v));
  double e = exp(v);
  return e / (1.0 + e);
}

ADJ_HD inline double adj_map_value(int op, double x, double y, double z, double p0, double p1) {
  switch (op) {
    case OP_ADD: return x + y;
    case OP_SUBTRACT: return x - y;
    case OP_MULTIPLY: return x * y;
    case OP_DIVIDE: return x / y;
    case OP_NEGATE: return -x;
    case OP_EXP: return exp(x);
    case OP_EXPM1: return expm1(x);
    case OP_LOG: return log(x);
    case OP_LOG1P: return log1p(x);
    case OP_LOG10: return log10(x);
    case OP_SQRT: return sqrt(x);
    case OP_CBRT: return cbrt(x);
    case OP_POW: return adj_pow(x, y);
    case OP_HYPOT: return hypot(x, y);
    case OP_SIN: return sin(x);
    case OP_COS: return cos(x);
    case OP_TAN: return tan(x);
    case OP_ASIN: return asin(x);
    case OP_ACOS: return acos(x);
    case OP_ATAN: return atan(x);
    case OP_ATAN2: return atan2(x, y);
    case OP_SINH: return sinh(x);
    case OP_COSH: return cosh(x);
    case OP_TANH: return tanh(x);
    case OP_ABS: return fabs(x);
    case OP_MAX: return adj_max(x, y);
    case OP_MIN: return adj_min(x, y);
    case OP_FLOOR: return floor(x);
    case OP_CEIL: return ceil(x);
    case OP_RINT: return rint(x);
    case OP_SIGNUM: return adj_signum(x);
    case OP_SIGMOID: return adj_sigmoid(x);
    case OP_RELU: return x > 0.0 ? x : (x != x ? x : 0.0);
    case OP_SOFTPLUS: return x * p0 > p1 ? x : log1p(exp(x * p0)) / p0;
    case OP_CLAMP: return x != x ? x : adj_min(adj_max(x, p0), p1);
    case OP_GREATER: return x > y ? 1.0 : 0.0;
    case OP_GREATER_OR_EQUAL: return x >= y ? 1.0 : 0.0;
    case OP_EQUAL: return x == y ? 1.0 : 0.0;
    case OP_WHERE: return x != 0.0 ? y : z;
    case OP_COPY: return x;
    case OP_AXPY: return x + p0 * y;
    case OP_SCALE: return x * p0;
    case OP_FILL: return p0;
    case OP_KEEP_POSITIVE: return x > 0.0 ? y : 0.0;
    default: return ADJ_NAN;
  }
}

ADJ_HD inline double adj_operand_value(const struct MapArgs& m, const struct Operand& o, int i) {
  return o.ptr == 0 ? o.scalar : adj_load(o.ptr, o.dtype, adj_operand_offset(m, o, i));
}

// Element i of the result: what each thread of adj_map computes, and the host harness too.
ADJ_HD inline void adj_map_element(const struct MapArgs& m, int i) {
  double x = adj_operand_value(m, m.a, i);
  double y = adj_operand_value(m, m.b, i);
  double z = adj_operand_value(m, m.c, i);
  double v = adj_map_value(m.op, x, y, z, m.p0, m.p1);
  adj_store(m.out.ptr, m.out.dtype, adj_operand_offset(m, m.out, i), v);
}

#ifdef __CUDACC__
extern "C" __global__ void adj_map(const struct MapArgs m) {
  long long stride = (long long) blockDim.x * gridDim.x;
  for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < m.n; i += stride) {
    adj_map_element(m, (int) i);
  }
}
#endif
