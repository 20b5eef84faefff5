package dev.adjoint.runtime.backend;

import dev.adjoint.runtime.backend.cpu.CpuBackend;

/** Which {@link Backend} tensor operations run on: the plain CPU backend unless told otherwise. */
public final class Backends {
  private static volatile Backend current = CpuBackend.INSTANCE;

  private Backends() {}

  public static Backend current() {
    return current;
  }

  /** Installs {@code backend} for all later operations. */
  public static void use(Backend backend) {
    current = java.util.Objects.requireNonNull(backend);
  }
}
