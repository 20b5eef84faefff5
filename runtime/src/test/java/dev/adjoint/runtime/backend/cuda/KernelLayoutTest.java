package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The argument structs as Java writes them ({@link KernelLayouts}) against the C structs of
 * adjoint_common.cuh: a C++ program generated from Java's field list prints {@code sizeof} and
 * {@code offsetof} of every field, compiled by the host compiler (whose layout nvcc matches for
 * kernel arguments). A field Java names that C lacks does not compile; one C has that Java lacks
 * moves an offset or the size.
 */
class KernelLayoutTest {
  @TempDir Path dir;

  @Test
  void everyFieldOffsetAndEveryStructSizeMatchesTheHeader()
      throws IOException, InterruptedException {
    List<String> expected = new ArrayList<>();
    StringBuilder c =
        new StringBuilder(
                "#include <cstdio>\n#include <cstddef>\n#include \"adjoint_common.cuh\"\n")
            .append("int main() {\n");
    for (StructLayout struct : KernelLayouts.STRUCTS) {
      String name = struct.name().orElseThrow();
      expected.add(name + " " + struct.byteSize());
      c.append("  printf(\"")
          .append(name)
          .append(" %zu\\n\", sizeof(struct ")
          .append(name)
          .append("));\n");
      for (String field : KernelLayouts.fieldOffsets(struct)) {
        String path = field.substring(0, field.indexOf(' '));
        expected.add(name + "." + field);
        c.append("  printf(\"")
            .append(name)
            .append('.')
            .append(path)
            .append(" %zu\\n\", offsetof(struct ")
            .append(name)
            .append(", ")
            .append(path)
            .append("));\n");
      }
    }
    c.append("  return 0;\n}\n");
    Path source = dir.resolve("layouts.cpp");
    Files.writeString(source, c);
    Path program = dir.resolve("layouts");
    HostKernels.compile(source, program);
    Process p = new ProcessBuilder(program.toString()).start();
    List<String> actual = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, p.waitFor());
    assertEquals(expected, actual);
  }
}
