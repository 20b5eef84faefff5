package dev.adjoint.runtime.backend.cuda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CUDA for users: whether GPUs can be used here and why not, how many there are, the allocator's
 * statistics and cache, waiting for queued work. Nothing native is touched until the first call;
 * then the driver is looked up ({@link LibrarySearch}) and initialised once. cuBLAS and NVRTC are
 * looked up when first needed (NVRTC only where the packaged PTX cannot run).
 */
public final class Cuda {
  private Cuda() {}

  static final LibrarySearch.Library DRIVER =
      new LibrarySearch.Library("the CUDA driver", List.of("libcuda.so.1", "libcuda.so"));
  static final LibrarySearch.Library CUBLAS =
      new LibrarySearch.Library(
          "cuBLAS", List.of("libcublas.so.13", "libcublas.so.12", "libcublas.so"));
  static final LibrarySearch.Library NVRTC =
      new LibrarySearch.Library(
          "NVRTC", List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"));

  /** What probing the driver found. */
  sealed interface Probe permits Available, Unavailable {}

  record Available(Driver driver, int devices, String from) implements Probe {}

  record Unavailable(String reason) implements Probe {}

  private static final class Holder {
    static final Probe PROBE = probe(LibrarySearch.standard());
  }

  private static final Map<Integer, CudaDevice> DEVICES = new ConcurrentHashMap<>();

  // GPUs emulated on the host, by index: tests run the backend on them where there is no GPU
  private static final Map<Integer, Gpu> EMULATED = new ConcurrentHashMap<>();

  /** Makes {@code cuda:index} the emulated {@code gpu} until {@link #stopEmulating} (tests). */
  static void emulate(int index, Gpu gpu) {
    EMULATED.put(index, gpu);
  }

  static void stopEmulating(int index) {
    EMULATED.remove(index);
  }

  /**
   * Loads and initialises the driver found by {@code search}; every way this can fail is an {@link
   * Unavailable} whose reason says what was tried.
   */
  static Probe probe(LibrarySearch search) {
    if (Boolean.getBoolean("adjoint.cuda.disabled")) {
      return new Unavailable("CUDA is switched off with -Dadjoint.cuda.disabled=true");
    }
    LibrarySearch.Result found = search.load(DRIVER);
    if (found instanceof LibrarySearch.NotFound missing) {
      return new Unavailable(missing.message() + " (is the NVIDIA driver installed?)");
    }
    LibrarySearch.Loaded loaded = (LibrarySearch.Loaded) found;
    try {
      Driver driver = new Driver(loaded.lookup());
      driver.init();
      int count = driver.deviceCount();
      if (count == 0) {
        return new Unavailable("the CUDA driver (" + loaded.from() + ") sees no GPU");
      }
      return new Available(driver, count, loaded.from());
    } catch (CudaException | IllegalStateException e) {
      return new Unavailable(
          "the CUDA driver (" + loaded.from() + ") could not start: " + e.getMessage());
    }
  }

  /** Whether CUDA tensors can be made here (a driver loads and sees at least one GPU). */
  public static boolean isAvailable() {
    return Holder.PROBE instanceof Available;
  }

  /** Why CUDA cannot be used here; empty when it can. */
  public static String unavailableReason() {
    return Holder.PROBE instanceof Unavailable u ? u.reason() : "";
  }

  /** How many GPUs the driver sees (0 without CUDA). */
  public static int deviceCount() {
    return Holder.PROBE instanceof Available a ? a.devices() : 0;
  }

  /** The backend of GPU {@code index}, started on first use. */
  public static CudaBackend backend(int index) {
    Gpu emulated = EMULATED.get(index);
    return emulated != null ? emulated.backend() : device(index).backend();
  }

  static CudaDevice device(int index) {
    if (!(Holder.PROBE instanceof Available available)) {
      throw new CudaUnavailableException("cuda:" + index, unavailableReason());
    }
    if (index >= available.devices()) {
      throw new IllegalArgumentException(
          "cuda:"
              + index
              + ": there are "
              + available.devices()
              + " GPU(s), cuda:0 to cuda:"
              + (available.devices() - 1));
    }
    return DEVICES.computeIfAbsent(
        index,
        i -> new CudaDevice(i, available.driver(), Cuda::kernelCache, stream -> cublas(stream)));
  }

  private static Cublas cublas(long stream) {
    LibrarySearch.Result found = LibrarySearch.standard().load(CUBLAS);
    if (found instanceof LibrarySearch.NotFound missing) {
      throw new IllegalStateException(
          "matmul on CUDA needs cuBLAS: "
              + missing.message()
              + " (install the CUDA toolkit's libcublas, or pip install nvidia-cublas)");
    }
    return new Cublas(((LibrarySearch.Loaded) found).lookup(), stream);
  }

  private static volatile KernelCache cache;

  private static KernelCache kernelCache() {
    if (cache == null) {
      synchronized (Cuda.class) {
        if (cache == null) {
          LibrarySearch.Result found = LibrarySearch.standard().load(NVRTC);
          if (found instanceof LibrarySearch.NotFound missing) {
            throw new IllegalStateException(
                "this GPU cannot run the packaged PTX (built for compute_90), and compiling the"
                    + " kernels needs NVRTC: "
                    + missing.message()
                    + " (install the CUDA toolkit's libnvrtc, or pip install nvidia-cuda-nvrtc)");
          }
          Nvrtc nvrtc = new Nvrtc(((LibrarySearch.Loaded) found).lookup());
          cache = new KernelCache(KernelCache.defaultDir(System.getenv()), nvrtc);
        }
      }
    }
    return cache;
  }

  /** The name of GPU {@code index} ({@code NVIDIA H200}) and its compute capability. */
  public static String deviceName(int index) {
    CudaDevice d = device(index);
    return d.name() + " (compute capability " + d.computeCapability() + ")";
  }

  /** Waits until the work queued on every started GPU has finished. */
  public static void synchronize() {
    for (CudaDevice d : DEVICES.values()) {
      d.synchronize();
    }
    for (Gpu g : EMULATED.values()) {
      g.synchronize();
    }
  }

  /** The allocator's statistics for GPU 0. */
  public static MemoryStats memoryStats() {
    return memoryStats(0);
  }

  public static MemoryStats memoryStats(int index) {
    Gpu emulated = EMULATED.get(index);
    return (emulated != null ? emulated : device(index)).allocator().stats();
  }

  /** Gives the allocator's cached blocks back to the driver, on every started GPU. */
  public static void emptyCache() {
    for (CudaDevice d : DEVICES.values()) {
      d.enter();
      d.allocator().emptyCache();
    }
    for (Gpu g : EMULATED.values()) {
      g.allocator().emptyCache();
    }
  }
}
