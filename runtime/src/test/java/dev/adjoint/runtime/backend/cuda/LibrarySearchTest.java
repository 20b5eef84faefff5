package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CUDA libraries are looked for, in which order, and what is said when none loads. */
class LibrarySearchTest {
  @TempDir Path root;

  private Path touch(String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "not a shared library");
    return file;
  }

  private static final LibrarySearch.Library CUBLAS =
      new LibrarySearch.Library("cuBLAS", List.of("libcublas.so.13", "libcublas.so"));

  @Test
  void cudaHomeComesFirstThenTheFixedFoldersThenPipWheels() throws IOException {
    Path home = touch("cuda-13/lib64/libcublas.so.13");
    Path targets = touch("cuda-13/targets/x86_64-linux/lib/libcublas.so");
    Path fixed = touch("driver/libcublas.so.13");
    Path wheel = touch("venv/lib/python3.12/site-packages/nvidia/cu13/lib/libcublas.so.13");
    Path pythonPath = touch("extra/nvidia/cublas/lib/libcublas.so.13");
    LibrarySearch search =
        new LibrarySearch(
            Map.of(
                "CUDA_HOME", root.resolve("cuda-13").toString(),
                "VIRTUAL_ENV", root.resolve("venv").toString(),
                "PYTHONPATH", root.resolve("extra").toString()),
            List.of(root.resolve("driver")),
            false);
    List<Path> found = search.candidates(CUBLAS);
    assertEquals(List.of(home, targets, fixed, pythonPath, wheel), found);
  }

  @Test
  void cudaPathIsTriedToo() throws IOException {
    Path lib = touch("toolkit/lib/libcublas.so.13");
    LibrarySearch search =
        new LibrarySearch(
            Map.of("CUDA_PATH", root.resolve("toolkit").toString()), List.of(), false);
    assertEquals(List.of(lib), search.candidates(CUBLAS));
  }

  @Test
  void whenNothingLoadsTheMessageSaysWhatWasTriedAndWhere() throws IOException {
    Path broken = touch("cuda/lib64/libcublas.so.13");
    LibrarySearch search =
        new LibrarySearch(Map.of("CUDA_HOME", root.resolve("cuda").toString()), List.of(), false);
    LibrarySearch.NotFound missing =
        assertInstanceOf(LibrarySearch.NotFound.class, search.load(CUBLAS));
    String m = missing.message();
    assertTrue(m.startsWith("cuBLAS not found: looked for libcublas.so.13, libcublas.so in "), m);
    assertTrue(m.contains(root.resolve("cuda/lib64").toString()), m);
    assertTrue(m.contains("/usr/local/cuda/lib64"), m);
    assertTrue(m.contains("found but could not load: " + broken), m);
  }

  @Test
  void theStandardSearchNamesTheLoaderPath() {
    LibrarySearch.Result r =
        LibrarySearch.standard()
            .load(
                new LibrarySearch.Library("a library", List.of("libadjoint-does-not-exist.so.1")));
    LibrarySearch.NotFound missing = assertInstanceOf(LibrarySearch.NotFound.class, r);
    assertTrue(missing.message().contains("system loader's path (LD_LIBRARY_PATH, ldconfig)"));
    assertTrue(missing.message().contains("/usr/local/nvidia/lib64"));
  }
}
