package dev.adjoint.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a valid safetensors file. The message names the file, the entry when one is at
 * fault, and what is wrong with it.
 */
public final class CorruptSafetensorsException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptSafetensorsException(Path file, String why) {
    super(file + ": " + why);
  }

  CorruptSafetensorsException(Path file, String why, Throwable cause) {
    super(file + ": " + why, cause);
  }
}
