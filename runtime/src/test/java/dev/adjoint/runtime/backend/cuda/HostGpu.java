package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.adjoint.runtime.tensor.Device;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * A GPU emulated in host memory: {@link CudaBackend} runs on it unchanged, its kernels are the host
 * build of the CUDA sources ({@link HostKernels}), run one work item after another; memory comes
 * from {@code malloc}, products from a plain column-major loop in double precision.
 */
final class HostGpu implements Gpu {
  private static final MethodHandle MALLOC =
      libc("malloc", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
  private static final MethodHandle FREE = libc("free", FunctionDescriptor.ofVoid(ADDRESS));

  private static MethodHandle libc(String name, FunctionDescriptor d) {
    Linker linker = Linker.nativeLinker();
    return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), d);
  }

  private final Device device;
  private final CachingAllocator allocator;
  private final CudaBackend backend;
  private final MemorySegment args = Arena.global().allocate(1024, 16);
  private long status;
  private int launches;

  HostGpu(int index, long softLimit) {
    this.device = Device.cuda(index);
    this.allocator =
        new CachingAllocator(
            new CachingAllocator.RawMemory() {
              @Override
              public long allocateOrZero(long bytes) {
                try {
                  return ((MemorySegment) MALLOC.invokeExact(bytes)).address();
                } catch (Throwable t) {
                  throw new IllegalStateException(t);
                }
              }

              @Override
              public void free(long address) {
                try {
                  FREE.invokeExact(MemorySegment.ofAddress(address));
                } catch (Throwable t) {
                  throw new IllegalStateException(t);
                }
              }

              @Override
              public void synchronize() {}
            },
            softLimit);
    this.backend = new CudaBackend(this);
  }

  private static MemorySegment at(long address, long bytes) {
    return MemorySegment.ofAddress(address).reinterpret(bytes);
  }

  /** How many kernels were launched so far. */
  int launches() {
    return launches;
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public CachingAllocator allocator() {
    return allocator;
  }

  @Override
  public long stream() {
    return 1;
  }

  @Override
  public CudaBackend backend() {
    return backend;
  }

  @Override
  public synchronized void launch(String kernel, long work, StructLayout layout, ArgsFiller fill) {
    if (work <= 0) {
      return;
    }
    MemorySegment struct = args.asSlice(0, layout.byteSize());
    fill.fill(new KernelLayouts.Writer(layout, struct));
    HostKernels.run(kernel, struct, work);
    launches++;
  }

  @Override
  public synchronized long statusWords() {
    if (status == 0) {
      status = allocator.allocate(32, 1, null).address;
      at(status, 32).fill((byte) 0);
    }
    return status;
  }

  @Override
  public synchronized void synchronize() {
    if (status != 0) {
      IndexOutOfBoundsException error = Gpu.indexError(at(status, 32), device);
      if (error != null) {
        at(status, 32).fill((byte) 0);
        throw error;
      }
    }
  }

  @Override
  public void zero(long address, long bytes) {
    at(address, bytes).fill((byte) 0);
  }

  @Override
  public void upload(long dst, MemorySegment src, long bytes) {
    MemorySegment.copy(src, 0, at(dst, bytes), 0, bytes);
  }

  @Override
  public void downloadBytes(MemorySegment dst, long src, long bytes) {
    synchronize();
    MemorySegment.copy(at(src, bytes), 0, dst, 0, bytes);
  }

  @Override
  public void copyDeviceToDevice(long dst, long src, long bytes) {
    MemorySegment.copy(at(src, bytes), 0, at(dst, bytes), 0, bytes);
  }

  @Override
  public void gemm(boolean single, GemmPlan.Call c) {
    int size = single ? 4 : 8;
    MemorySegment all = MemorySegment.ofAddress(0).reinterpret(Long.MAX_VALUE);
    for (int batch = 0; batch < c.batch(); batch++) {
      for (int j = 0; j < c.n(); j++) {
        for (int i = 0; i < c.m(); i++) {
          double sum = 0;
          for (int p = 0; p < c.k(); p++) {
            long ia =
                batch * c.strideA()
                    + (c.transA() ? p + (long) i * c.lda() : i + (long) p * c.lda());
            long ib =
                batch * c.strideB()
                    + (c.transB() ? j + (long) p * c.ldb() : p + (long) j * c.ldb());
            sum += read(all, c.a() + ia * size, single) * read(all, c.b() + ib * size, single);
          }
          long ic = c.c() + (batch * c.strideC() + i + (long) j * c.ldc()) * size;
          double v = c.alpha() * sum + (c.beta() == 0 ? 0 : c.beta() * read(all, ic, single));
          if (single) {
            all.set(JAVA_FLOAT, ic, (float) v);
          } else {
            all.set(JAVA_DOUBLE, ic, v);
          }
        }
      }
    }
  }

  private static double read(MemorySegment all, long address, boolean single) {
    return single ? all.get(JAVA_FLOAT, address) : all.get(JAVA_DOUBLE, address);
  }
}
