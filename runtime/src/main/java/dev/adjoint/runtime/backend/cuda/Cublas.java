package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * cuBLAS through FFM: a handle bound to the backend's stream and the strided-batched matrix
 * products (column-major, as BLAS is; {@link GemmPlan} maps row-major tensors onto them). The
 * default math mode is kept, so float32 products are computed in float32 (no TF32), as PyTorch's
 * default {@code matmul} precision. Every status is checked and named.
 */
final class Cublas {
  static final int CUBLAS_OP_N = 0;
  static final int CUBLAS_OP_T = 1;

  /** Every function bound (the signature test compares them with cublas_api.h when it is found). */
  static final List<NativeFunction> FUNCTIONS =
      List.of(
          NativeFunction.of("cublasCreate_v2", JAVA_INT, ADDRESS),
          NativeFunction.of("cublasDestroy_v2", JAVA_INT, ADDRESS),
          NativeFunction.of("cublasSetStream_v2", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("cublasGetStatusName", ADDRESS, JAVA_INT),
          NativeFunction.of("cublasGetStatusString", ADDRESS, JAVA_INT),
          gemm("cublasSgemmStridedBatched"),
          gemm("cublasDgemmStridedBatched"));

  private static NativeFunction gemm(String name) {
    return NativeFunction.of(
        name, JAVA_INT, ADDRESS, // handle
        JAVA_INT, // transa
        JAVA_INT, // transb
        JAVA_INT, // m
        JAVA_INT, // n
        JAVA_INT, // k
        ADDRESS, // alpha (host)
        ADDRESS, // A (device)
        JAVA_INT, // lda
        JAVA_LONG, // strideA
        ADDRESS, // B (device)
        JAVA_INT, // ldb
        JAVA_LONG, // strideB
        ADDRESS, // beta (host)
        ADDRESS, // C (device)
        JAVA_INT, // ldc
        JAVA_LONG, // strideC
        JAVA_INT); // batchCount
  }

  private final MethodHandle create;
  private final MethodHandle destroy;
  private final MethodHandle setStream;
  private final MethodHandle statusName;
  private final MethodHandle statusString;
  private final MethodHandle sgemm;
  private final MethodHandle dgemm;
  private final MemorySegment handle;
  private final MemorySegment scalars = Arena.global().allocate(32, 8);

  Cublas(SymbolLookup library, long stream) {
    create = FUNCTIONS.get(0).bind(library, "libcublas");
    destroy = FUNCTIONS.get(1).bind(library, "libcublas");
    setStream = FUNCTIONS.get(2).bind(library, "libcublas");
    statusName = FUNCTIONS.get(3).bind(library, "libcublas");
    statusString = FUNCTIONS.get(4).bind(library, "libcublas");
    sgemm = FUNCTIONS.get(5).bind(library, "libcublas");
    dgemm = FUNCTIONS.get(6).bind(library, "libcublas");
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      check("cublasCreate_v2", (int) create.invokeExact(out));
      handle = out.get(ADDRESS, 0);
      check(
          "cublasSetStream_v2",
          (int) setStream.invokeExact(handle, MemorySegment.ofAddress(stream)));
    } catch (Throwable t) {
      throw Driver.rethrow(t);
    }
  }

  private void check(String call, int status) {
    if (status != 0) {
      throw new CudaException(call, status, text(statusName, status), text(statusString, status));
    }
  }

  private static String text(MethodHandle f, int status) {
    try {
      MemorySegment s = (MemorySegment) f.invokeExact(status);
      return s.equals(MemorySegment.NULL) ? "status " + status : s.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      return "status " + status;
    }
  }

  /**
   * {@code C = alpha·op(A)·op(B) + beta·C} for {@code batch} column-major matrices at the given
   * strides (elements), in float32 or float64.
   */
  void gemmStridedBatched(boolean single, GemmPlan.Call c) {
    try {
      if (single) {
        scalars.set(JAVA_FLOAT, 0, (float) c.alpha());
        scalars.set(JAVA_FLOAT, 8, (float) c.beta());
      } else {
        scalars.set(JAVA_DOUBLE, 0, c.alpha());
        scalars.set(JAVA_DOUBLE, 8, c.beta());
      }
      MemorySegment alpha = scalars.asSlice(0, 8);
      MemorySegment beta = scalars.asSlice(8, 8);
      MethodHandle f = single ? sgemm : dgemm;
      int status =
          (int)
              f.invokeExact(
                  handle,
                  c.transA() ? CUBLAS_OP_T : CUBLAS_OP_N,
                  c.transB() ? CUBLAS_OP_T : CUBLAS_OP_N,
                  c.m(),
                  c.n(),
                  c.k(),
                  alpha,
                  MemorySegment.ofAddress(c.a()),
                  c.lda(),
                  c.strideA(),
                  MemorySegment.ofAddress(c.b()),
                  c.ldb(),
                  c.strideB(),
                  beta,
                  MemorySegment.ofAddress(c.c()),
                  c.ldc(),
                  c.strideC(),
                  c.batch());
      check(single ? "cublasSgemmStridedBatched" : "cublasDgemmStridedBatched", status);
    } catch (Throwable t) {
      throw Driver.rethrow(t);
    }
  }

  void close() {
    try {
      check("cublasDestroy_v2", (int) destroy.invokeExact(handle));
    } catch (Throwable t) {
      throw Driver.rethrow(t);
    }
  }
}
