package dev.adjoint.runtime.backend.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PTX compiled at run time, kept on disk so that each kernel is compiled once per compiler, GPU
 * architecture, options and source: the file name holds a SHA-256 of exactly those. A file is
 * written to a temporary name in the same folder and renamed into place atomically, so a process
 * that reads it never sees half of one, and two processes compiling at once both write whole files.
 * A file that is not PTX (truncated by a full disk, say) is compiled again; a folder that cannot be
 * written only costs the compilation next time (with a warning).
 */
final class KernelCache {
  private final Path dir;
  private final PtxCompiler compiler;

  KernelCache(Path dir, PtxCompiler compiler) {
    this.dir = dir;
    this.compiler = compiler;
  }

  /**
   * The cache folder: {@code $ADJOINT_CUDA_CACHE}, else {@code $XDG_CACHE_HOME/adjoint/cuda}, else
   * {@code ~/.cache/adjoint/cuda}.
   */
  static Path defaultDir(Map<String, String> env) {
    String own = env.get("ADJOINT_CUDA_CACHE");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "adjoint", "cuda");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "adjoint", "cuda");
  }

  /** The hash that names a compiled kernel: compiler version, architecture, options, sources. */
  static String key(
      String compilerVersion,
      String architecture,
      List<String> options,
      String source,
      Map<String, String> headers) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // each part length-prefixed, so that no two different inputs run together into one
      update(sha, compilerVersion);
      update(sha, architecture);
      update(sha, String.join("\u0000", options));
      update(sha, source);
      for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
        update(sha, h.getKey());
        update(sha, h.getValue());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void update(MessageDigest sha, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    sha.update(java.nio.ByteBuffer.allocate(8).putLong(bytes.length).array());
    sha.update(bytes);
  }

  /** Where {@code name}'s PTX for these inputs lives (whether or not it is there yet). */
  Path file(String name, String key) {
    return dir.resolve(name + "-" + key.substring(0, 32) + ".ptx");
  }

  /** The PTX of {@code source} for {@code architecture}: from the cache, or compiled and cached. */
  byte[] ptx(
      String name,
      String source,
      Map<String, String> headers,
      String architecture,
      List<String> options) {
    List<String> all = new java.util.ArrayList<>(options);
    all.add("--gpu-architecture=" + architecture);
    String key = key(compiler.version(), architecture, all, source, headers);
    Path file = file(name, key);
    try {
      if (Files.isRegularFile(file)) {
        byte[] cached = Files.readAllBytes(file);
        if (isPtx(cached)) {
          return cached;
        }
      }
    } catch (IOException e) {
      // unreadable: compile again below
    }
    byte[] ptx = compiler.compile(name + ".cu", source, headers, all);
    write(file, ptx);
    return ptx;
  }

  // what every PTX file has: a .version directive and a .target
  static boolean isPtx(byte[] text) {
    String s = new String(text, StandardCharsets.US_ASCII);
    return s.contains(".version") && s.contains(".target") && s.stripTrailing().endsWith("}");
  }

  private void write(Path file, byte[] ptx) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, ptx);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // the kernel still runs; it is compiled again next time
      System.getLogger(KernelCache.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "could not write the CUDA kernel cache file "
                  + file
                  + " ("
                  + e
                  + "); set ADJOINT_CUDA_CACHE to a writable folder");
    }
  }
}
