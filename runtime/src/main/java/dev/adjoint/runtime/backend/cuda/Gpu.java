package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.adjoint.runtime.tensor.DType;
import dev.adjoint.runtime.tensor.Device;
import dev.adjoint.runtime.tensor.Storage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * What {@link CudaBackend} needs of a GPU: memory, copies, kernel launches, matrix products, all
 * queued in order on one stream. {@link CudaDevice} is the real one (the driver and cuBLAS); the
 * tests run the same backend on a host emulation whose kernels are these very sources, compiled for
 * the host.
 */
interface Gpu {
  Device device();

  CachingAllocator allocator();

  long stream();

  CudaBackend backend();

  /** The most bytes a convolution's patch matrix may take ({@link Convolution} chunks to fit). */
  default long patchMatrixBytes() {
    return Convolution.MAX_PATCH_BYTES;
  }

  /** Makes this GPU's context current on the calling thread (a no-op where there is none). */
  default void enter() {}

  /** Queues {@code kernel} over {@code work} items with its argument struct, filled by fill. */
  void launch(String kernel, long work, StructLayout layout, ArgsFiller fill);

  /** Writes one kernel's argument struct. */
  @FunctionalInterface
  interface ArgsFiller {
    void fill(KernelLayouts.Writer args);
  }

  /** The device address of the status words ({flag, value, dim, size}) index kernels write. */
  long statusWords();

  /** Waits for queued work; reports an out-of-range index a kernel found since last time. */
  void synchronize();

  void zero(long address, long bytes);

  void upload(long dst, MemorySegment src, long bytes);

  /** {@code bytes} from the device into host {@code dst}, after the queued work. */
  void downloadBytes(MemorySegment dst, long src, long bytes);

  void copyDeviceToDevice(long dst, long src, long bytes);

  /** A column-major strided-batched product, as cuBLAS computes it. */
  void gemm(boolean single, GemmPlan.Call call);

  /** All {@code size} elements at {@code address} as a heap storage. */
  default Storage download(long address, DType dtype, int size) {
    MemorySegment host = Arena.ofAuto().allocate(Math.max(1L, (long) size * dtype.byteSize()), 8);
    downloadBytes(host, address, (long) size * dtype.byteSize());
    return HostArrays.toStorage(host, dtype, size);
  }

  default double readElement(long address, DType dtype, int index) {
    MemorySegment one = Arena.ofAuto().allocate(8, 8);
    downloadBytes(one, address + (long) index * dtype.byteSize(), dtype.byteSize());
    return switch (dtype) {
      case BOOL -> one.get(JAVA_BYTE, 0) != 0 ? 1 : 0;
      case INT64 -> one.get(JAVA_LONG, 0);
      case FLOAT32 -> one.get(JAVA_FLOAT, 0);
      case FLOAT64 -> one.get(JAVA_DOUBLE, 0);
    };
  }

  /**
   * The error the status words {op + 1, value, dim, size} report, or null when none is set: in the
   * CPU backend's words, naming the operation ({@code op} as {@code index.cu} numbers it).
   */
  static IndexOutOfBoundsException indexError(MemorySegment words, Device device) {
    long flag = words.get(JAVA_LONG, 0);
    if (flag == 0) {
      return null;
    }
    return new IndexOutOfBoundsException(
        Indexing.operationName((int) flag - 1)
            + ": index "
            + words.get(JAVA_LONG, 8)
            + " is out of range for dimension "
            + words.get(JAVA_LONG, 16)
            + " of size "
            + words.get(JAVA_LONG, 24)
            + " (found on "
            + device
            + "; the operations queued since the last synchronisation that read it are not"
            + " valid)");
  }

  default void writeElement(long address, DType dtype, int index, double value) {
    MemorySegment one = Arena.ofAuto().allocate(8, 8);
    HostArrays.put(one, dtype, 0, value);
    upload(address + (long) index * dtype.byteSize(), one, dtype.byteSize());
  }
}
