package dev.adjoint.runtime.backend.cpu;

/**
 * Whether the CPU kernels may use the Vector API, decided once for the JVM. Without the {@code
 * jdk.incubator.vector} module (the JVM was started without {@code --add-modules
 * jdk.incubator.vector}) every kernel runs as plain Java loops, several times slower (an MLP step
 * ~25× slower): that is said once, as a warning, instead of silently. {@code
 * -Dadjoint.cpu.scalar=true} asks for the plain loops on purpose and gets no warning.
 */
final class VectorSupport {
  private VectorSupport() {}

  static final String MODULE = "jdk.incubator.vector";

  /** True when the Vector API kernels are to be used. */
  static final boolean ENABLED = decide();

  private static boolean decide() {
    if (Boolean.getBoolean("adjoint.cpu.scalar")) {
      return false;
    }
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      System.getLogger("dev.adjoint.runtime")
          .log(
              System.Logger.Level.WARNING,
              "Adjoint: the "
                  + MODULE
                  + " module is not in this JVM, so the CPU kernels run as plain Java loops,"
                  + " several times slower; start the JVM with --add-modules "
                  + MODULE
                  + " (or -Dadjoint.cpu.scalar=true to choose the plain loops and silence this)");
      return false;
    }
    return true;
  }
}
