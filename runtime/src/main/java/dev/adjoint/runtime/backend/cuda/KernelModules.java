package dev.adjoint.runtime.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The kernels as loaded modules. Each module's PTX is the one the build made ({@code nvcc -ptx
 * -arch=compute_90}, packaged under {@code ptx/}) when the GPU can run it (compute capability 9.0
 * or later: the driver compiles PTX for newer GPUs), else compiled from the packaged sources by
 * NVRTC for the GPU's own architecture through the {@link KernelCache}.
 */
final class KernelModules {
  /** The kernel sources (resources {@code kernels/NAME.cu}) and the kernels in each. */
  static final Map<String, List<String>> MODULES =
      Map.of(
          "map", List.of("adj_map"),
          "reduce", List.of("adj_reduce_partial", "adj_reduce_finish"),
          "rows", List.of("adj_rows"),
          "index", List.of("adj_index"));

  static final List<String> HEADERS = List.of("adjoint_common.cuh");
  private static final String BASE = "/dev/adjoint/runtime/backend/cuda/";

  private final Map<String, Long> functions = new HashMap<>();

  /**
   * Loads every module for a GPU of compute capability {@code major.minor}; {@code compiler} is
   * asked for only when a module has no usable prebuilt PTX.
   */
  KernelModules(Driver driver, int major, int minor, Supplier<KernelCache> compiler) {
    for (Map.Entry<String, List<String>> module : MODULES.entrySet()) {
      byte[] ptx = major >= 9 ? resource("ptx/" + module.getKey() + ".ptx") : null;
      if (ptx == null) {
        ptx =
            compiler
                .get()
                .ptx(
                    module.getKey(),
                    source(module.getKey() + ".cu"),
                    headers(),
                    "compute_" + major + minor,
                    List.of("-std=c++17"));
      }
      long handle;
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment image = arena.allocate(ptx.length + 1L);
        MemorySegment.copy(MemorySegment.ofArray(ptx), 0, image, 0, ptx.length);
        handle = driver.loadModule(image);
      }
      for (String kernel : module.getValue()) {
        functions.put(kernel, driver.function(handle, kernel));
      }
    }
  }

  long function(String name) {
    Long f = functions.get(name);
    if (f == null) {
      throw new IllegalStateException("no CUDA kernel " + name + " was loaded");
    }
    return f;
  }

  /** A packaged kernel source, by file name. */
  static String source(String file) {
    byte[] bytes = resource("kernels/" + file);
    if (bytes == null) {
      throw new IllegalStateException(
          "the kernel source " + BASE + "kernels/" + file + " is missing from the runtime jar");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static Map<String, String> headers() {
    Map<String, String> out = new HashMap<>();
    for (String h : HEADERS) {
      out.put(h, source(h));
    }
    return out;
  }

  private static byte[] resource(String path) {
    try (InputStream in = KernelModules.class.getResourceAsStream(BASE + path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
