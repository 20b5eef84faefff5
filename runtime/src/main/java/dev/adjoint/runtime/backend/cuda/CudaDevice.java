package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.adjoint.runtime.tensor.Device;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.function.Supplier;

/**
 * One GPU as the backend drives it: its primary context, one stream every operation is queued on
 * (so operations run in program order without waiting for each other), the caching allocator, the
 * loaded kernels, cuBLAS, a page-locked staging buffer for host↔device copies, and the status words
 * index kernels report out-of-range indices in. Calls that return host data ({@code item}, {@code
 * cpu}, printing) wait for the stream; nothing else does.
 */
final class CudaDevice implements Gpu {
  private static final int THREADS = 256;

  private final int index;
  private final Device device;
  private final Driver driver;
  private final long context;
  private final long stream;
  private final String name;
  private final int major;
  private final int minor;
  private final int multiprocessors;
  private final CachingAllocator allocator;
  private final Supplier<KernelCache> compiler;
  private final Supplier<Cublas> cublasFactory;
  private final ThreadLocal<Boolean> entered = new ThreadLocal<>();
  private final MemorySegment args = Arena.global().allocate(1024, 16);
  private final MemorySegment params = Arena.global().allocate(ADDRESS);
  private final CudaBackend backend;
  private KernelModules kernels;
  private Cublas cublas;
  private Staging staging;
  private long status;
  private MemorySegment statusHost;
  private boolean statusPending;

  CudaDevice(int index, Driver driver, Supplier<KernelCache> compiler, CublasFactory cublasMaker) {
    this.index = index;
    this.device = Device.cuda(index);
    this.driver = driver;
    int handle = driver.device(index);
    this.context = driver.primaryContext(handle);
    driver.setCurrent(context);
    entered.set(Boolean.TRUE);
    this.stream = driver.createStream();
    this.name = driver.deviceName(handle);
    this.major = driver.attribute(Driver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, handle);
    this.minor = driver.attribute(Driver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, handle);
    this.multiprocessors =
        driver.attribute(Driver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, handle);
    long total = driver.memoryInfo()[1];
    double fraction = Double.parseDouble(System.getProperty("adjoint.cuda.gcFraction", "0.5"));
    this.allocator =
        new CachingAllocator(
            new CachingAllocator.RawMemory() {
              @Override
              public long allocateOrZero(long bytes) {
                return driver.allocateOrZero(bytes);
              }

              @Override
              public void free(long address) {
                driver.free(address);
              }

              @Override
              public void synchronize() {
                driver.synchronizeContext();
              }
            },
            (long) (total * fraction));
    this.compiler = compiler;
    this.cublasFactory = () -> cublasMaker.create(stream);
    params.set(ADDRESS, 0, args);
    this.backend = new CudaBackend(this);
  }

  /** Makes cuBLAS for a stream: the library is looked up only when a product first needs it. */
  @FunctionalInterface
  interface CublasFactory {
    Cublas create(long stream);
  }

  // ------------------------------------------------------------------ facts

  int index() {
    return index;
  }

  @Override
  public Device device() {
    return device;
  }

  String name() {
    return name;
  }

  String computeCapability() {
    return major + "." + minor;
  }

  @Override
  public long stream() {
    return stream;
  }

  @Override
  public CachingAllocator allocator() {
    return allocator;
  }

  @Override
  public CudaBackend backend() {
    return backend;
  }

  Driver driver() {
    return driver;
  }

  /** The primary context is current on the calling thread from here on. */
  @Override
  public void enter() {
    if (entered.get() == null) {
      driver.setCurrent(context);
      entered.set(Boolean.TRUE);
    }
  }

  synchronized Cublas cublas() {
    enter();
    if (cublas == null) {
      cublas = cublasFactory.get();
    }
    return cublas;
  }

  // ------------------------------------------------------------------ kernels

  /**
   * Launches {@code kernel} over {@code work} items (a grid-stride loop) with its one argument
   * struct, filled by {@code fill}.
   */
  @Override
  public synchronized void launch(String kernel, long work, StructLayout layout, ArgsFiller fill) {
    if (work <= 0) {
      return;
    }
    enter();
    if (kernels == null) {
      kernels = new KernelModules(driver, major, minor, compiler);
    }
    MemorySegment struct = args.asSlice(0, layout.byteSize());
    fill.fill(new KernelLayouts.Writer(layout, struct));
    long blocks = Math.min((work + THREADS - 1) / THREADS, (long) multiprocessors * 32);
    driver.launch(kernels.function(kernel), (int) blocks, THREADS, stream, params);
    if (kernel.equals("adj_index")) {
      statusPending = true;
    }
  }

  /** The device address of the status words ({flag, value, dim, size}) for index kernels. */
  @Override
  public synchronized long statusWords() {
    if (status == 0) {
      enter();
      status = allocator.allocate(32, stream, null).address;
      driver.memsetBytes(status, (byte) 0, 32, stream);
    }
    return status;
  }

  // ------------------------------------------------------------------ host ↔ device

  /** Waits for the stream, then reports an out-of-range index a kernel found since last time. */
  @Override
  public synchronized void synchronize() {
    enter();
    driver.synchronizeStream(stream);
    if (statusPending) {
      statusPending = false;
      // its own host words: the staging buffer may hold a download not yet copied out
      if (statusHost == null) {
        statusHost = driver.allocateHost(32);
      }
      MemorySegment words = statusHost;
      driver.copyDeviceToHost(words, status, 32, stream);
      driver.synchronizeStream(stream);
      IndexOutOfBoundsException error = Gpu.indexError(words, device);
      if (error != null) {
        driver.memsetBytes(status, (byte) 0, 32, stream);
        throw error;
      }
    }
  }

  // the staging buffer, at least `bytes` long, free to write (its last copy has finished)
  private MemorySegment staging(long bytes) {
    if (staging == null || staging.capacity() < bytes) {
      if (staging != null) {
        driver.synchronizeStream(stream);
        driver.freeHost(staging.memory());
      }
      long capacity = Math.max(1 << 20, Long.highestOneBit(Math.max(1, bytes - 1)) << 1);
      staging = new Staging(driver.allocateHost(capacity), capacity);
    }
    return staging.memory().asSlice(0, bytes);
  }

  private record Staging(MemorySegment memory, long capacity) {}

  /** Copies {@code bytes} of host memory to the device (through the staging buffer). */
  @Override
  public synchronized void upload(long dst, MemorySegment src, long bytes) {
    if (bytes == 0) {
      return;
    }
    enter();
    // the staging buffer is reused: the previous upload from it must have been read
    driver.synchronizeStream(stream);
    MemorySegment stage = staging(bytes);
    MemorySegment.copy(src, 0, stage, 0, bytes);
    driver.copyHostToDevice(dst, stage, bytes, stream);
  }

  /** Copies {@code bytes} of device memory into {@code dst} on the host, after queued work. */
  @Override
  public synchronized void downloadBytes(MemorySegment dst, long src, long bytes) {
    enter();
    MemorySegment stage = staging(Math.max(1, bytes));
    if (bytes > 0) {
      driver.copyDeviceToHost(stage, src, bytes, stream);
    }
    synchronize();
    MemorySegment.copy(stage, 0, dst, 0, bytes);
  }

  @Override
  public synchronized void copyDeviceToDevice(long dst, long src, long bytes) {
    if (bytes > 0) {
      enter();
      driver.copyDeviceToDevice(dst, src, bytes, stream);
    }
  }

  @Override
  public synchronized void zero(long address, long bytes) {
    if (bytes > 0) {
      enter();
      driver.memsetBytes(address, (byte) 0, bytes, stream);
    }
  }

  @Override
  public void gemm(boolean single, GemmPlan.Call call) {
    cublas().gemmStridedBatched(single, call);
  }
}
