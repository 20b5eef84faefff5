package dev.adjoint.runtime.backend.cuda;

import java.util.List;
import java.util.Map;

/** Compiles CUDA C++ to PTX at run time: NVRTC in the backend, a fake in the cache's tests. */
interface PtxCompiler {
  /** What identifies the compiler's output (part of the cache key): {@code nvrtc 13.0}. */
  String version();

  /**
   * The PTX of {@code source} (named {@code name} in messages), {@code headers} by include name.
   *
   * @throws IllegalStateException with the compiler's log when the source does not compile
   */
  byte[] compile(String name, String source, Map<String, String> headers, List<String> options);
}
