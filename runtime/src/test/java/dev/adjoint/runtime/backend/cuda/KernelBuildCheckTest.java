package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's kernel check (src/build/cuda-kernels.sh, run by Maven in process-resources): it
 * compiles and assembles every kernel, fails on one that does not compile, caches by source hash,
 * and without nvcc says that it skipped and succeeds.
 */
class KernelBuildCheckTest {
  @TempDir Path dir;

  private record Run(int exit, String output) {}

  private Run script(Path kernels, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                HostKernels.MODULE.resolve("src/build/cuda-kernels.sh").toString(),
                kernels.toString(),
                dir.resolve("out").toString(),
                dir.resolve("cache").toString())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    return new Run(p.waitFor(), out);
  }

  private static void needsNvcc() {
    boolean found = Files.isExecutable(Path.of("/usr/local/cuda/bin/nvcc"));
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      found |= !d.isEmpty() && Files.isExecutable(Path.of(d, "nvcc"));
    }
    Assumptions.assumeTrue(found, "no nvcc here: the compile half is checked where it is");
  }

  @Test
  void withoutNvccTheBuildSaysItSkippedAndSucceeds() throws Exception {
    Run r = script(HostKernels.KERNELS, Map.of("ADJOINT_NVCC", dir.resolve("no-nvcc").toString()));
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("SKIPPED the compile check: no nvcc found"), r.output());
  }

  @Test
  void everyKernelCompilesAndAnUnchangedOneComesFromTheCache() throws Exception {
    needsNvcc();
    Run first = script(HostKernels.KERNELS, Map.of());
    assertEquals(0, first.exit(), first.output());
    int modules = KernelModules.MODULES.size();
    assertTrue(first.output().contains(modules + " now, 0 unchanged"), first.output());
    for (String module : KernelModules.MODULES.keySet()) {
      byte[] ptx = Files.readAllBytes(dir.resolve("out").resolve(module + ".ptx"));
      assertTrue(KernelCache.isPtx(ptx), module);
    }
    Run second = script(HostKernels.KERNELS, Map.of());
    assertTrue(second.output().contains("0 now, " + modules + " unchanged"), second.output());
  }

  @Test
  void aKernelThatDoesNotCompileFailsTheBuild() throws Exception {
    needsNvcc();
    Path kernels = dir.resolve("kernels");
    Files.createDirectories(kernels);
    Files.copy(
        HostKernels.KERNELS.resolve("adjoint_common.cuh"), kernels.resolve("adjoint_common.cuh"));
    Files.writeString(
        kernels.resolve("broken.cu"),
        "#include \"adjoint_common.cuh\"\nextern \"C\" __global__ void k(int n) { undeclared = n; }\n");
    Run r = script(kernels, Map.of());
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("broken.cu does not compile"), r.output());
  }
}
