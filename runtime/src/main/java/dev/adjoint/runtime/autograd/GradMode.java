package dev.adjoint.runtime.autograd;

/**
 * Whether operations are recorded on the tape, per thread (on by default). Parameter updates run
 * inside {@link #noGrad()} so that they are not recorded:
 *
 * <pre>{@code
 * try (GradMode.Scope scope = GradMode.noGrad()) {
 *   w.subInPlace(w.grad().mul(lr));
 * }
 * }</pre>
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED =
      ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  /** Whether operations on tensors that require grad are being recorded on this thread. */
  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  /** Turns recording off until the returned scope is closed (then restores the previous state). */
  public static Scope noGrad() {
    return set(false);
  }

  /** Turns recording on until the returned scope is closed. */
  public static Scope enableGrad() {
    return set(true);
  }

  private static Scope set(boolean enabled) {
    boolean[] state = ENABLED.get();
    Scope scope = new Scope(state, state[0]);
    state[0] = enabled;
    return scope;
  }

  /** Restores the previous grad mode when closed; use with try-with-resources. */
  public static final class Scope implements AutoCloseable {
    private final boolean[] state;
    private final boolean previous;

    private Scope(boolean[] state, boolean previous) {
      this.state = state;
      this.previous = previous;
    }

    @Override
    public void close() {
      state[0] = previous;
    }
  }
}
