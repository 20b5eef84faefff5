package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FFM signatures of every bound function against the prototypes in the CUDA headers: a
 * generated C++ program (the functions' types only, so nothing is linked) prints, for each
 * function, the kind (integer, float, pointer) and size of its result and of each argument, which
 * must equal what {@link NativeFunction#signature()} says of the Java binding. The driver's header
 * (cuda.h) is part of any CUDA toolkit; cuBLAS's and NVRTC's are checked where their headers are
 * found (the GPU machine's pip wheels have them).
 */
class NativeSignatureTest {
  @TempDir Path dir;

  private static Path findHeader(String header) {
    Set<Path> dirs = new LinkedHashSet<>();
    for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
      String home = System.getenv(var);
      if (home != null) {
        dirs.add(Path.of(home, "include"));
      }
    }
    dirs.add(Path.of("/usr/local/cuda/include"));
    for (Path lib : LibrarySearch.standard().directories()) {
      if (lib.getFileName() != null && lib.getFileName().toString().equals("lib")) {
        dirs.add(lib.getParent().resolve("include"));
      }
    }
    for (Path d : dirs) {
      if (Files.isRegularFile(d.resolve(header))) {
        return d;
      }
    }
    Assumptions.abort(header + " not found in " + dirs + ": checked where the headers are");
    return null;
  }

  private void check(String header, List<NativeFunction> functions, Path... includes)
      throws IOException, InterruptedException {
    StringBuilder c =
        new StringBuilder("#include <")
            .append(header)
            .append(">\n#include <cstdio>\n#include <string>\n#include <type_traits>\n")
            .append(
                """
                template <class T> void one(std::string& s) {
                  s += std::is_pointer<T>::value ? "p" : std::is_floating_point<T>::value ? "f" : "i";
                  s += std::to_string(sizeof(T));
                }
                template <class F> struct Sig;
                template <class R, class... A> struct Sig<R (*)(A...)> {
                  static std::string get() {
                    std::string s;
                    one<R>(s);
                    s += "(";
                    bool first = true;
                    ((s += first ? "" : ",", first = false, one<A>(s)), ...);
                    return s + ")";
                  }
                };
                int main() {
                """);
    List<String> expected = new ArrayList<>();
    for (NativeFunction f : functions) {
      expected.add(f.name() + " " + f.signature());
      c.append("  printf(\"%s %s\\n\", \"")
          .append(f.name())
          .append("\", Sig<decltype(&")
          .append(f.name())
          .append(")>::get().c_str());\n");
    }
    c.append("  return 0;\n}\n");
    Path source = dir.resolve("signatures.cpp");
    Files.writeString(source, c);
    Path program = dir.resolve("signatures");
    List<String> flags = new ArrayList<>();
    for (Path include : includes) {
      flags.add("-I" + include);
    }
    HostKernels.compile(source, program, flags.toArray(new String[0]));
    Process p = new ProcessBuilder(program.toString()).start();
    List<String> actual = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, p.waitFor());
    assertEquals(expected, actual);
  }

  @Test
  void driverBindingsMatchCudaH() throws IOException, InterruptedException {
    check("cuda.h", Driver.FUNCTIONS, findHeader("cuda.h"));
  }

  // the values of named C constants, as a compiled program prints them
  private List<String> constants(String header, List<String> names, Path... includes)
      throws IOException, InterruptedException {
    StringBuilder c =
        new StringBuilder("#include <" + header + ">\n#include <cstdio>\nint main() {\n");
    for (String name : names) {
      c.append("  printf(\"%s %d\\n\", \"")
          .append(name)
          .append("\", (int) ")
          .append(name)
          .append(");\n");
    }
    c.append("  return 0;\n}\n");
    Path source = dir.resolve("constants.cpp");
    Files.writeString(source, c);
    Path program = dir.resolve("constants");
    List<String> flags = new ArrayList<>();
    for (Path include : includes) {
      flags.add("-I" + include);
    }
    HostKernels.compile(source, program, flags.toArray(new String[0]));
    Process p = new ProcessBuilder(program.toString()).start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, p.waitFor());
    return lines;
  }

  @Test
  void driverConstantsMatchCudaH() throws IOException, InterruptedException {
    List<String> names =
        List.of(
            "CUDA_SUCCESS",
            "CUDA_ERROR_OUT_OF_MEMORY",
            "CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT",
            "CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR",
            "CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR",
            "CU_STREAM_NON_BLOCKING",
            "CU_EVENT_DEFAULT");
    int[] java = {
      Driver.CUDA_SUCCESS,
      Driver.CUDA_ERROR_OUT_OF_MEMORY,
      Driver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT,
      Driver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
      Driver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
      Driver.CU_STREAM_NON_BLOCKING,
      Driver.CU_EVENT_DEFAULT
    };
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      expected.add(names.get(i) + " " + java[i]);
    }
    assertEquals(expected, constants("cuda.h", names, findHeader("cuda.h")));
  }

  @Test
  void cublasBindingsMatchCublasApiH() throws IOException, InterruptedException {
    Path cublas = findHeader("cublas_v2.h");
    Path runtime = findHeader("cuda_runtime.h");
    check("cublas_v2.h", Cublas.FUNCTIONS, cublas, runtime);
    assertEquals(
        List.of("CUBLAS_OP_N " + Cublas.CUBLAS_OP_N, "CUBLAS_OP_T " + Cublas.CUBLAS_OP_T),
        constants("cublas_v2.h", List.of("CUBLAS_OP_N", "CUBLAS_OP_T"), cublas, runtime));
  }

  @Test
  void nvrtcBindingsMatchNvrtcH() throws IOException, InterruptedException {
    check("nvrtc.h", Nvrtc.FUNCTIONS, findHeader("nvrtc.h"));
  }
}
