package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time compilation path, which a GPU of compute capability 9.0 never takes by itself (it
 * loads the packaged PTX): every kernel source compiled by the real NVRTC for compute_80 through
 * the cache, and loaded by the driver.
 */
@Tag("gpu")
class NvrtcGpuTest {
  @TempDir Path dir;

  @BeforeEach
  void needsAGpu() {
    Assumptions.assumeTrue(
        Cuda.isAvailable(), () -> "skipped: no CUDA driver: " + Cuda.unavailableReason());
  }

  @Test
  void everyKernelCompilesWithNvrtcAndLoads() throws IOException {
    LibrarySearch.Result found = LibrarySearch.standard().load(Cuda.NVRTC);
    Assumptions.assumeTrue(found instanceof LibrarySearch.Loaded, found::toString);
    Nvrtc nvrtc = new Nvrtc(((LibrarySearch.Loaded) found).lookup());
    KernelCache cache = new KernelCache(dir, nvrtc);
    CudaDevice device = Cuda.device(0);
    device.enter();
    KernelModules modules = new KernelModules(device.driver(), 8, 0, () -> cache);
    for (java.util.List<String> kernels : KernelModules.MODULES.values()) {
      for (String kernel : kernels) {
        assertTrue(modules.function(kernel) != 0, kernel);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(KernelModules.MODULES.size(), files.count());
    }
    System.out.println("NVRTC " + nvrtc.version() + " compiled and the driver loaded every module");
  }
}
