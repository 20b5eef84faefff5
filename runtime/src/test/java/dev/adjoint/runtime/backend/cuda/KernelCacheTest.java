package dev.adjoint.runtime.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NVRTC cache with a fake compiler: its key, reuse, atomic writes and recovery. */
class KernelCacheTest {
  @TempDir Path dir;

  /** A compiler that counts its calls and writes PTX naming its inputs. */
  static final class FakeCompiler implements PtxCompiler {
    final AtomicInteger calls = new AtomicInteger();
    String version = "fake 1.0";

    @Override
    public String version() {
      return version;
    }

    @Override
    public byte[] compile(
        String name, String source, Map<String, String> headers, List<String> options) {
      calls.incrementAndGet();
      String ptx =
          ".version 9.0\n.target sm_90\n// "
              + name
              + " "
              + options
              + " "
              + source.hashCode()
              + "\n.entry k() {\n}\n";
      return ptx.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final FakeCompiler compiler = new FakeCompiler();
  private final Map<String, String> headers = Map.of("adjoint_common.cuh", "#define X 1");

  private byte[] ptx(KernelCache cache, String source, String arch) {
    return cache.ptx("map", source, headers, arch, List.of("-std=c++17"));
  }

  @Test
  void compilesOnceAndReusesTheFileAcrossCaches() {
    byte[] first = ptx(new KernelCache(dir, compiler), "src", "compute_80");
    byte[] second = ptx(new KernelCache(dir, compiler), "src", "compute_80");
    assertArrayEquals(first, second);
    assertEquals(1, compiler.calls.get());
  }

  @Test
  void theKeyCoversCompilerArchitectureOptionsSourceAndHeaders() {
    String base = KernelCache.key("v1", "compute_80", List.of("-a"), "src", headers);
    assertEquals(base, KernelCache.key("v1", "compute_80", List.of("-a"), "src", headers));
    assertNotEquals(base, KernelCache.key("v2", "compute_80", List.of("-a"), "src", headers));
    assertNotEquals(base, KernelCache.key("v1", "compute_86", List.of("-a"), "src", headers));
    assertNotEquals(base, KernelCache.key("v1", "compute_80", List.of("-b"), "src", headers));
    assertNotEquals(base, KernelCache.key("v1", "compute_80", List.of("-a"), "src2", headers));
    assertNotEquals(
        base, KernelCache.key("v1", "compute_80", List.of("-a"), "src", Map.of("h", "other")));
    // parts do not run together: ("ab", "c") is not ("a", "bc")
    assertNotEquals(
        KernelCache.key("ab", "c", List.of(), "", Map.of()),
        KernelCache.key("a", "bc", List.of(), "", Map.of()));
  }

  @Test
  void aNewCompilerVersionOrSourceCompilesAgain() {
    KernelCache cache = new KernelCache(dir, compiler);
    ptx(cache, "src", "compute_80");
    ptx(cache, "src changed", "compute_80");
    compiler.version = "fake 2.0";
    ptx(cache, "src", "compute_80");
    assertEquals(3, compiler.calls.get());
  }

  @Test
  void aTruncatedFileIsCompiledAgainAndReplaced() throws IOException {
    KernelCache cache = new KernelCache(dir, compiler);
    byte[] good = ptx(cache, "src", "compute_80");
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.filter(p -> p.toString().endsWith(".ptx")).findFirst().orElseThrow();
    }
    Files.write(file, new byte[] {'.', 'v', 'e'});
    assertArrayEquals(good, ptx(cache, "src", "compute_80"));
    assertEquals(2, compiler.calls.get());
    assertArrayEquals(good, Files.readAllBytes(file));
  }

  @Test
  void concurrentCompilationsLeaveOneWholeFileAndNoTemporaries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> ptx(new KernelCache(dir, compiler), "src", "compute_90")));
      }
      byte[] first = results.get(0).get();
      for (Future<byte[]> r : results) {
        assertArrayEquals(first, r.get());
      }
    } finally {
      pool.shutdown();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).startsWith("map-") && names.get(0).endsWith(".ptx"));
    }
  }

  @Test
  void anUnwritableFolderStillGivesThePtx() throws IOException {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x");
    byte[] ptx = ptx(new KernelCache(notADir.resolve("cache"), compiler), "src", "compute_80");
    assertTrue(KernelCache.isPtx(ptx));
  }

  @Test
  void theFolderFollowsTheEnvironment() {
    assertEquals(Path.of("/tmp/k"), KernelCache.defaultDir(Map.of("ADJOINT_CUDA_CACHE", "/tmp/k")));
    assertEquals(
        Path.of("/x/adjoint/cuda"), KernelCache.defaultDir(Map.of("XDG_CACHE_HOME", "/x")));
  }
}
