package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The kernels' element functions built for the host ({@code src/test/cuda/host_kernels.cpp}, which
 * includes the very .cu files the GPU runs) with the C++ compiler found here, once per test run,
 * and bound through FFM. Tests that need it are skipped, saying so, where no C++ compiler is found.
 */
final class HostKernels {
  private HostKernels() {}

  static final Path MODULE = moduleDir();
  static final Path KERNELS =
      MODULE.resolve("src/main/resources/dev/adjoint/runtime/backend/cuda/kernels");

  private static Path moduleDir() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("src/test/cuda")) ? here : here.resolve("runtime");
  }

  private static final Map<String, MethodHandle> ENTRIES = new ConcurrentHashMap<>();
  private static SymbolLookup library;
  private static String failure;

  /** The C++ compiler on the PATH, or null. */
  static String compiler() {
    for (String name : List.of("g++", "c++", "clang++")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** Compiles {@code source} (C++, the kernels folder on the include path) to {@code output}. */
  static void compile(Path source, Path output, String... extra) throws IOException {
    String cxx = compiler();
    Assumptions.assumeTrue(cxx != null, "no C++ compiler (g++, c++, clang++) on the PATH");
    List<String> command = new ArrayList<>(List.of(cxx, "-std=c++17", "-O1", "-Wall"));
    command.addAll(List.of(extra));
    command.addAll(List.of("-I", KERNELS.toString(), "-o", output.toString(), source.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static synchronized SymbolLookup library() {
    if (library == null && failure == null) {
      try {
        Path out = MODULE.resolve("target/host-kernels");
        Files.createDirectories(out);
        Path so = out.resolve("libadjoint_host_kernels.so");
        compile(MODULE.resolve("src/test/cuda/host_kernels.cpp"), so, "-shared", "-fPIC");
        library = SymbolLookup.libraryLookup(so, Arena.global());
      } catch (IOException e) {
        failure = e.toString();
      }
    }
    Assumptions.assumeTrue(library != null, () -> "host kernels not built: " + failure);
    return library;
  }

  /** Runs {@code kernel}'s {@code work} items on the host with argument struct {@code args}. */
  static void run(String kernel, MemorySegment args, long work) {
    MethodHandle h =
        ENTRIES.computeIfAbsent(
            kernel,
            k ->
                Linker.nativeLinker()
                    .downcallHandle(
                        library().find("host_" + k).orElseThrow(),
                        FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG)));
    try {
      h.invokeExact(args, work);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
