package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA driver API ({@code libcuda.so.1}) through FFM: the {@code _v2} entry points the headers'
 * macros name. Every call's {@code CUresult} is checked; a failure is a {@link CudaException}
 * naming the call and the error ({@code cuGetErrorName}, {@code cuGetErrorString}). Handles
 * (contexts, streams, modules, functions, events) are plain addresses.
 */
final class Driver {
  static final int CUDA_SUCCESS = 0;
  static final int CUDA_ERROR_OUT_OF_MEMORY = 2;
  static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
  static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
  static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
  static final int CU_STREAM_NON_BLOCKING = 1;
  static final int CU_EVENT_DEFAULT = 0;

  /** Every function bound, by its exported name (also what the signature test checks). */
  static final List<NativeFunction> FUNCTIONS =
      List.of(
          NativeFunction.of("cuInit", JAVA_INT, JAVA_INT),
          NativeFunction.of("cuDriverGetVersion", JAVA_INT, ADDRESS),
          NativeFunction.of("cuDeviceGetCount", JAVA_INT, ADDRESS),
          NativeFunction.of("cuDeviceGet", JAVA_INT, ADDRESS, JAVA_INT),
          NativeFunction.of("cuDeviceGetName", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
          NativeFunction.of("cuDeviceGetAttribute", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
          NativeFunction.of("cuDevicePrimaryCtxRetain", JAVA_INT, ADDRESS, JAVA_INT),
          NativeFunction.of("cuCtxSetCurrent", JAVA_INT, ADDRESS),
          NativeFunction.of("cuCtxSynchronize", JAVA_INT),
          NativeFunction.of("cuMemGetInfo_v2", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("cuMemAlloc_v2", JAVA_INT, ADDRESS, JAVA_LONG),
          NativeFunction.of("cuMemFree_v2", JAVA_INT, JAVA_LONG),
          NativeFunction.of("cuMemHostAlloc", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
          NativeFunction.of("cuMemFreeHost", JAVA_INT, ADDRESS),
          NativeFunction.of(
              "cuMemcpyHtoDAsync_v2", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS),
          NativeFunction.of(
              "cuMemcpyDtoHAsync_v2", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS),
          NativeFunction.of(
              "cuMemcpyDtoDAsync_v2", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS),
          NativeFunction.of("cuMemsetD8Async", JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG, ADDRESS),
          NativeFunction.of("cuModuleLoadData", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("cuModuleGetFunction", JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
          NativeFunction.of(
              "cuLaunchKernel",
              JAVA_INT,
              ADDRESS,
              JAVA_INT,
              JAVA_INT,
              JAVA_INT,
              JAVA_INT,
              JAVA_INT,
              JAVA_INT,
              JAVA_INT,
              ADDRESS,
              ADDRESS,
              ADDRESS),
          NativeFunction.of("cuStreamCreate", JAVA_INT, ADDRESS, JAVA_INT),
          NativeFunction.of("cuStreamSynchronize", JAVA_INT, ADDRESS),
          NativeFunction.of("cuStreamDestroy_v2", JAVA_INT, ADDRESS),
          NativeFunction.of("cuEventCreate", JAVA_INT, ADDRESS, JAVA_INT),
          NativeFunction.of("cuEventRecord", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("cuEventSynchronize", JAVA_INT, ADDRESS),
          NativeFunction.of("cuEventElapsedTime_v2", JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
          NativeFunction.of("cuEventDestroy_v2", JAVA_INT, ADDRESS),
          NativeFunction.of("cuGetErrorName", JAVA_INT, JAVA_INT, ADDRESS),
          NativeFunction.of("cuGetErrorString", JAVA_INT, JAVA_INT, ADDRESS));

  private final Map<String, MethodHandle> handles = new LinkedHashMap<>();

  Driver(SymbolLookup library) {
    for (NativeFunction f : FUNCTIONS) {
      handles.put(f.name(), f.bind(library, "libcuda"));
    }
  }

  private MethodHandle h(String name) {
    return handles.get(name);
  }

  // ------------------------------------------------------------------ checking

  /** Throws a {@link CudaException} naming {@code call} unless {@code code} is success. */
  void check(String call, int code) {
    if (code != CUDA_SUCCESS) {
      throw error(call, code);
    }
  }

  CudaException error(String call, int code) {
    return new CudaException(
        call, code, text("cuGetErrorName", code), text("cuGetErrorString", code));
  }

  private String text(String function, int code) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ADDRESS);
      int status = (int) h(function).invokeExact(code, out);
      if (status != CUDA_SUCCESS) {
        return "unknown error " + code;
      }
      return out.get(ADDRESS, 0).reinterpret(1024).getString(0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  private int intOut(String call, IntCall body) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check(call, body.call(out));
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private long addressOut(String call, IntCall body) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG);
      check(call, body.call(out));
      return out.get(JAVA_LONG, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // a call whose status is all it returns
  private void run(String call, Status body) {
    try {
      check(call, body.call());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @FunctionalInterface
  private interface Status {
    int call() throws Throwable;
  }

  @FunctionalInterface
  private interface IntCall {
    int call(MemorySegment out) throws Throwable;
  }

  private static MemorySegment ptr(long address) {
    return MemorySegment.ofAddress(address);
  }

  // ------------------------------------------------------------------ devices and contexts

  void init() {
    run("cuInit", () -> (int) h("cuInit").invokeExact(0));
  }

  int driverVersion() {
    return intOut("cuDriverGetVersion", out -> (int) h("cuDriverGetVersion").invokeExact(out));
  }

  int deviceCount() {
    return intOut("cuDeviceGetCount", out -> (int) h("cuDeviceGetCount").invokeExact(out));
  }

  int device(int ordinal) {
    return intOut("cuDeviceGet", out -> (int) h("cuDeviceGet").invokeExact(out, ordinal));
  }

  String deviceName(int device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment name = arena.allocate(256);
      check("cuDeviceGetName", (int) h("cuDeviceGetName").invokeExact(name, 256, device));
      return name.getString(0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int attribute(int attribute, int device) {
    return intOut(
        "cuDeviceGetAttribute",
        out -> (int) h("cuDeviceGetAttribute").invokeExact(out, attribute, device));
  }

  long primaryContext(int device) {
    return addressOut(
        "cuDevicePrimaryCtxRetain",
        out -> (int) h("cuDevicePrimaryCtxRetain").invokeExact(out, device));
  }

  void setCurrent(long context) {
    run("cuCtxSetCurrent", () -> (int) h("cuCtxSetCurrent").invokeExact(ptr(context)));
  }

  void synchronizeContext() {
    run("cuCtxSynchronize", () -> (int) h("cuCtxSynchronize").invokeExact());
  }

  /** {free, total} bytes of the current context's device. */
  long[] memoryInfo() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment free = arena.allocate(JAVA_LONG);
      MemorySegment total = arena.allocate(JAVA_LONG);
      check("cuMemGetInfo_v2", (int) h("cuMemGetInfo_v2").invokeExact(free, total));
      return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ------------------------------------------------------------------ memory

  /**
   * {@code cuMemAlloc_v2}: the device address, or 0 when the device is out of memory (the caching
   * allocator then frees its cache and tries again); any other failure throws.
   */
  long allocateOrZero(long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG);
      int code = (int) h("cuMemAlloc_v2").invokeExact(out, bytes);
      if (code == CUDA_ERROR_OUT_OF_MEMORY) {
        return 0;
      }
      check("cuMemAlloc_v2", code);
      return out.get(JAVA_LONG, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void free(long address) {
    run("cuMemFree_v2", () -> (int) h("cuMemFree_v2").invokeExact(address));
  }

  /** Page-locked host memory (for fast, asynchronous copies). */
  MemorySegment allocateHost(long bytes) {
    long address =
        addressOut("cuMemHostAlloc", out -> (int) h("cuMemHostAlloc").invokeExact(out, bytes, 0));
    return MemorySegment.ofAddress(address).reinterpret(bytes);
  }

  void freeHost(MemorySegment host) {
    run("cuMemFreeHost", () -> (int) h("cuMemFreeHost").invokeExact(host));
  }

  void copyHostToDevice(long dst, MemorySegment src, long bytes, long stream) {
    run(
        "cuMemcpyHtoDAsync_v2",
        () -> (int) h("cuMemcpyHtoDAsync_v2").invokeExact(dst, src, bytes, ptr(stream)));
  }

  void copyDeviceToHost(MemorySegment dst, long src, long bytes, long stream) {
    run(
        "cuMemcpyDtoHAsync_v2",
        () -> (int) h("cuMemcpyDtoHAsync_v2").invokeExact(dst, src, bytes, ptr(stream)));
  }

  void copyDeviceToDevice(long dst, long src, long bytes, long stream) {
    run(
        "cuMemcpyDtoDAsync_v2",
        () -> (int) h("cuMemcpyDtoDAsync_v2").invokeExact(dst, src, bytes, ptr(stream)));
  }

  void memsetBytes(long dst, byte value, long count, long stream) {
    run(
        "cuMemsetD8Async",
        () -> (int) h("cuMemsetD8Async").invokeExact(dst, value, count, ptr(stream)));
  }

  // ------------------------------------------------------------------ modules and launches

  long loadModule(MemorySegment image) {
    return addressOut(
        "cuModuleLoadData", out -> (int) h("cuModuleLoadData").invokeExact(out, image));
  }

  long function(long module, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cName = arena.allocateFrom(name);
      return addressOut(
          "cuModuleGetFunction " + name,
          out -> (int) h("cuModuleGetFunction").invokeExact(out, ptr(module), cName));
    }
  }

  /**
   * Launches {@code function} on a 1-D grid with {@code params} (an array of argument pointers).
   */
  void launch(long function, int blocks, int threads, long stream, MemorySegment params) {
    try {
      int code =
          (int)
              h("cuLaunchKernel")
                  .invokeExact(
                      ptr(function),
                      blocks,
                      1,
                      1,
                      threads,
                      1,
                      1,
                      0,
                      ptr(stream),
                      params,
                      MemorySegment.NULL);
      check("cuLaunchKernel", code);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ------------------------------------------------------------------ streams and events

  long createStream() {
    return addressOut(
        "cuStreamCreate",
        out -> (int) h("cuStreamCreate").invokeExact(out, CU_STREAM_NON_BLOCKING));
  }

  void synchronizeStream(long stream) {
    run("cuStreamSynchronize", () -> (int) h("cuStreamSynchronize").invokeExact(ptr(stream)));
  }

  void destroyStream(long stream) {
    run("cuStreamDestroy_v2", () -> (int) h("cuStreamDestroy_v2").invokeExact(ptr(stream)));
  }

  long createEvent() {
    return addressOut(
        "cuEventCreate", out -> (int) h("cuEventCreate").invokeExact(out, CU_EVENT_DEFAULT));
  }

  void recordEvent(long event, long stream) {
    run("cuEventRecord", () -> (int) h("cuEventRecord").invokeExact(ptr(event), ptr(stream)));
  }

  void synchronizeEvent(long event) {
    run("cuEventSynchronize", () -> (int) h("cuEventSynchronize").invokeExact(ptr(event)));
  }

  /** Milliseconds between two recorded events. */
  float elapsedMillis(long start, long end) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_FLOAT);
      check(
          "cuEventElapsedTime_v2",
          (int) h("cuEventElapsedTime_v2").invokeExact(out, ptr(start), ptr(end)));
      return out.get(JAVA_FLOAT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void destroyEvent(long event) {
    run("cuEventDestroy_v2", () -> (int) h("cuEventDestroy_v2").invokeExact(ptr(event)));
  }
}
