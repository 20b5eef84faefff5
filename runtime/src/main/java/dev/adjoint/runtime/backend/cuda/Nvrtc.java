package dev.adjoint.runtime.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** NVRTC ({@code libnvrtc}) through FFM: CUDA C++ to PTX at run time, every status checked. */
final class Nvrtc implements PtxCompiler {
  /** Every function bound (checked against nvrtc.h by the signature test where it is found). */
  static final List<NativeFunction> FUNCTIONS =
      List.of(
          NativeFunction.of("nvrtcVersion", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of(
              "nvrtcCreateProgram",
              JAVA_INT,
              ADDRESS,
              ADDRESS,
              ADDRESS,
              JAVA_INT,
              ADDRESS,
              ADDRESS),
          NativeFunction.of("nvrtcCompileProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
          NativeFunction.of("nvrtcGetProgramLogSize", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("nvrtcGetProgramLog", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("nvrtcGetPTXSize", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("nvrtcGetPTX", JAVA_INT, ADDRESS, ADDRESS),
          NativeFunction.of("nvrtcDestroyProgram", JAVA_INT, ADDRESS),
          NativeFunction.of("nvrtcGetErrorString", ADDRESS, JAVA_INT));

  private final MethodHandle[] f = new MethodHandle[FUNCTIONS.size()];
  private final String version;

  Nvrtc(SymbolLookup library) {
    for (int i = 0; i < f.length; i++) {
      f[i] = FUNCTIONS.get(i).bind(library, "libnvrtc");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment major = arena.allocate(JAVA_INT);
      MemorySegment minor = arena.allocate(JAVA_INT);
      check("nvrtcVersion", (int) f[0].invokeExact(major, minor));
      version = "nvrtc " + major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Driver.rethrow(t);
    }
  }

  private void check(String call, int status) {
    if (status != 0) {
      throw new CudaException(call, status, name(status), "see the NVRTC documentation");
    }
  }

  private String name(int status) {
    try {
      MemorySegment s = (MemorySegment) f[8].invokeExact(status);
      return s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "NVRTC status " + status;
    }
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public byte[] compile(
      String name, String source, Map<String, String> headers, List<String> options) {
    try (Arena arena = Arena.ofConfined()) {
      List<String> headerNames = new ArrayList<>(headers.keySet());
      MemorySegment sources = strings(arena, headerNames.stream().map(headers::get).toList());
      MemorySegment includeNames = strings(arena, headerNames);
      MemorySegment program = arena.allocate(ADDRESS);
      check(
          "nvrtcCreateProgram",
          (int)
              f[1].invokeExact(
                  program,
                  arena.allocateFrom(source),
                  arena.allocateFrom(name),
                  headerNames.size(),
                  sources,
                  includeNames));
      MemorySegment prog = program.get(ADDRESS, 0);
      try {
        int status = (int) f[2].invokeExact(prog, options.size(), strings(arena, options));
        if (status != 0) {
          throw new IllegalStateException(
              name
                  + " does not compile with "
                  + version
                  + " "
                  + options
                  + ":\n"
                  + log(arena, prog));
        }
        MemorySegment size = arena.allocate(JAVA_LONG);
        check("nvrtcGetPTXSize", (int) f[5].invokeExact(prog, size));
        MemorySegment ptx = arena.allocate(size.get(JAVA_LONG, 0));
        check("nvrtcGetPTX", (int) f[6].invokeExact(prog, ptx));
        // the PTX is NUL-terminated text: keep the text
        return ptx.getString(0).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      } finally {
        check("nvrtcDestroyProgram", (int) f[7].invokeExact(program));
      }
    } catch (Throwable t) {
      throw Driver.rethrow(t);
    }
  }

  private String log(Arena arena, MemorySegment prog) throws Throwable {
    MemorySegment size = arena.allocate(JAVA_LONG);
    check("nvrtcGetProgramLogSize", (int) f[3].invokeExact(prog, size));
    MemorySegment log = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
    check("nvrtcGetProgramLog", (int) f[4].invokeExact(prog, log));
    return log.getString(0);
  }

  private static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, Math.max(1, values.size()));
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    return array;
  }
}
