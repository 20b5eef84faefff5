package dev.adjoint.runtime.backend.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a CUDA library (the driver, cuBLAS, NVRTC) the way the CUDA tools do: by name through the
 * system loader (LD_LIBRARY_PATH, the ld.so cache), then in {@code $CUDA_HOME}, {@code $CUDA_PATH},
 * {@code /usr/local/cuda} (lib64, lib, targets/x86_64-linux/lib), the driver's folders, and the
 * layout of NVIDIA's pip wheels ({@code site-packages/nvidia/*}{@code /lib}). When nothing loads,
 * the message lists every name and place tried, and why each failed.
 */
final class LibrarySearch {
  /** A library to find: what users call it, and its file names, preferred first. */
  record Library(String label, List<String> fileNames) {}

  /** What a search found: a loaded library, or why none loaded. */
  sealed interface Result permits Loaded, NotFound {}

  /** The library, loaded from {@code from} (a path, or a name the system loader resolved). */
  record Loaded(SymbolLookup lookup, String from) implements Result {}

  /** Nothing loaded; {@code message} says what was looked for and where. */
  record NotFound(String message) implements Result {}

  private final Map<String, String> env;
  private final List<Path> fixedDirs;
  private final boolean systemLoader;

  /**
   * A search with environment {@code env}, extra {@code fixedDirs} tried after the CUDA homes
   * (tests pass fake layouts), and the system loader tried first or not at all.
   */
  LibrarySearch(Map<String, String> env, List<Path> fixedDirs, boolean systemLoader) {
    this.env = env;
    this.fixedDirs = fixedDirs;
    this.systemLoader = systemLoader;
  }

  /** The search of this process: its environment and the usual places. */
  static LibrarySearch standard() {
    return new LibrarySearch(
        System.getenv(),
        List.of(
            Path.of("/usr/local/nvidia/lib64"),
            Path.of("/usr/local/nvidia/lib"),
            Path.of("/usr/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib64"),
            Path.of("/usr/lib/wsl/lib")),
        true);
  }

  /** The folders searched for files, in order (the system loader comes before them all). */
  List<Path> directories() {
    Set<Path> dirs = new LinkedHashSet<>();
    for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
      String home = env.get(var);
      if (home != null && !home.isBlank()) {
        addHome(dirs, Path.of(home));
      }
    }
    addHome(dirs, Path.of("/usr/local/cuda"));
    dirs.addAll(fixedDirs);
    for (Path site : sitePackages()) {
      Path nvidia = site.resolve("nvidia");
      if (Files.isDirectory(nvidia)) {
        try (DirectoryStream<Path> wheels = Files.newDirectoryStream(nvidia)) {
          List<Path> found = new ArrayList<>();
          for (Path wheel : wheels) {
            if (Files.isDirectory(wheel.resolve("lib"))) {
              found.add(wheel.resolve("lib"));
            }
          }
          found.sort(null);
          dirs.addAll(found);
        } catch (IOException e) {
          // an unreadable folder is one place less to look
        }
      }
    }
    return new ArrayList<>(dirs);
  }

  private static void addHome(Set<Path> dirs, Path home) {
    dirs.add(home.resolve("lib64"));
    dirs.add(home.resolve("lib"));
    dirs.add(home.resolve("targets/x86_64-linux/lib"));
  }

  // site-packages folders: PYTHONPATH's, a virtual environment's, the user's and the system's
  private List<Path> sitePackages() {
    List<Path> roots = new ArrayList<>();
    String pythonPath = env.get("PYTHONPATH");
    if (pythonPath != null) {
      for (String entry : pythonPath.split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          roots.add(Path.of(entry));
        }
      }
    }
    List<Path> prefixes = new ArrayList<>();
    for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
      String prefix = env.get(var);
      if (prefix != null && !prefix.isBlank()) {
        prefixes.add(Path.of(prefix));
      }
    }
    String home = env.get("HOME");
    if (home != null && !home.isBlank()) {
      prefixes.add(Path.of(home, ".local"));
    }
    prefixes.add(Path.of("/usr/local"));
    prefixes.add(Path.of("/usr"));
    prefixes.add(Path.of("/opt/torch/.venv"));
    for (Path prefix : prefixes) {
      Path lib = prefix.resolve("lib");
      if (!Files.isDirectory(lib)) {
        continue;
      }
      try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python3*")) {
        List<Path> found = new ArrayList<>();
        for (Path python : pythons) {
          found.add(python.resolve("site-packages"));
          found.add(python.resolve("dist-packages"));
        }
        found.sort(null);
        roots.addAll(found);
      } catch (IOException e) {
        // as above
      }
    }
    return roots;
  }

  /** The existing files named like {@code library}, in the order they would be tried. */
  List<Path> candidates(Library library) {
    List<Path> files = new ArrayList<>();
    for (Path dir : directories()) {
      for (String name : library.fileNames()) {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /** Loads {@code library} from the first place that works. */
  Result load(Library library) {
    List<String> failures = new ArrayList<>();
    if (systemLoader) {
      for (String name : library.fileNames()) {
        try {
          return new Loaded(SymbolLookup.libraryLookup(name, Arena.global()), name);
        } catch (IllegalArgumentException e) {
          // not on the loader path: try the folders
        }
      }
    }
    for (Path file : candidates(library)) {
      try {
        return new Loaded(SymbolLookup.libraryLookup(file, Arena.global()), file.toString());
      } catch (IllegalArgumentException e) {
        failures.add(file + " (" + e.getMessage() + ")");
      }
    }
    StringBuilder message =
        new StringBuilder(library.label())
            .append(" not found: looked for ")
            .append(String.join(", ", library.fileNames()));
    if (systemLoader) {
      message.append(" on the system loader's path (LD_LIBRARY_PATH, ldconfig) and");
    }
    message.append(" in ");
    List<String> dirs = directories().stream().map(Path::toString).toList();
    message.append(String.join(", ", dirs));
    if (!failures.isEmpty()) {
      message.append("; found but could not load: ").append(String.join("; ", failures));
    }
    return new NotFound(message.toString());
  }
}
