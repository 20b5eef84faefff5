package dev.adjoint.runtime.autograd;

import dev.adjoint.runtime.tensor.Shape;
import dev.adjoint.runtime.tensor.Tensor;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anomaly detection on the tape (PyTorch's {@code detect_anomaly}), per thread and off by default:
 * inside {@link #detect()} the first operation whose result holds a NaN or an infinity that its
 * operands did not hold throws an {@link ArithmeticException} naming the operation, its {@code
 * gradFn}, the shapes and the caller's source line; in the reverse sweep, the first node whose
 * gradient for an input is not finite does the same, naming the line that recorded it.
 *
 * <pre>{@code
 * try (AnomalyMode.Scope anomalies = AnomalyMode.detect()) {
 *   Tensor loss = model.forward(x).log().sum(); // Model.java:42: log produced -Infinity ...
 *   loss.backward();
 * }
 * }</pre>
 *
 * <p>Off, it costs one read of a counter per recorded operation. On, every recorded result and
 * every gradient is read back and scanned, and each node keeps its source line.
 */
public final class AnomalyMode {
  /** Scopes open on all threads: zero means no thread detects, and nothing is checked. */
  private static final AtomicInteger OPEN = new AtomicInteger();

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private static final String RUNTIME = "dev.adjoint.runtime.";

  /** Where the runtime's classes come from (its jar, or its build's classes folder). */
  private static final CodeSource RUNTIME_CODE =
      AnomalyMode.class.getProtectionDomain().getCodeSource();

  private AnomalyMode() {}

  /** Whether this thread detects anomalies. */
  public static boolean isEnabled() {
    return OPEN.get() != 0 && DEPTH.get()[0] > 0;
  }

  /** Detects anomalies on this thread until the returned scope is closed; scopes nest. */
  public static Scope detect() {
    DEPTH.get()[0]++;
    OPEN.incrementAndGet();
    return new Scope();
  }

  /** Ends a {@link #detect()}; use with try-with-resources. */
  public static final class Scope implements AutoCloseable {
    private boolean closed;

    private Scope() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        DEPTH.get()[0]--;
        OPEN.decrementAndGet();
      }
    }
  }

  /** After {@code node} was recorded for {@code y = op(inputs)}: keeps its line, checks y. */
  static void recorded(Node node, Tensor y, Tensor[] inputs) {
    if (!isEnabled()) {
      return;
    }
    node.origin = callerLine();
    Optional<String> bad = firstNonFinite(y);
    if (bad.isEmpty()) {
      return;
    }
    for (Tensor in : inputs) {
      if (firstNonFinite(in).isPresent()) {
        return; // carried from an operand, not produced here
      }
    }
    StringBuilder shapes = new StringBuilder();
    for (Tensor in : inputs) {
      shapes.append(shapes.isEmpty() ? "" : ", ").append(Shape.format(in.shape()));
    }
    throw new ArithmeticException(
        node.origin
            + ": "
            + operation(node)
            + " produced "
            + bad.get()
            + " of its result of shape "
            + Shape.format(y.shape())
            + " in the forward sweep (gradFn "
            + node.name()
            + ", operands of shape "
            + shapes
            + ")");
  }

  /** After {@code node} computed {@code grads} in a backward: each must be finite. */
  static void computed(Node node, Tensor[] grads) {
    if (!isEnabled() || grads == null) {
      return;
    }
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] == null) {
        continue;
      }
      Optional<String> bad = firstNonFinite(grads[i]);
      if (bad.isPresent()) {
        throw new ArithmeticException(
            (node.origin == null ? "(recorded outside anomaly detection)" : node.origin)
                + ": "
                + node.name()
                + " returned "
                + bad.get()
                + " of the gradient of shape "
                + Shape.format(grads[i].shape())
                + " for its input "
                + i
                + " in the reverse sweep (the gradient of "
                + operation(node)
                + ")");
      }
    }
  }

  /** "NaN at element 3", "-Infinity at element 0", or empty if every element is finite. */
  static Optional<String> firstNonFinite(Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      return Optional.empty();
    }
    double[] v = t.toArray();
    for (int k = 0; k < v.length; k++) {
      if (!Double.isFinite(v[k])) {
        return Optional.of(v[k] + " at element " + k);
      }
    }
    return Optional.empty();
  }

  /** The operation a node records, as its method is named: {@code LogBackward0} → log. */
  private static String operation(Node node) {
    String n = node.name().replaceFirst("Backward\\d*$", "");
    return n.isEmpty() ? node.name() : Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }

  /**
   * The first frame outside the runtime's own code (told by where its classes were loaded from, so
   * that a user's class in a runtime package still counts as the user's): the user's call, as
   * {@code File.java:line (Class.method)}.
   */
  private static String callerLine() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            frames ->
                frames
                    .filter(f -> !isRuntime(f.getDeclaringClass()))
                    .findFirst()
                    .map(
                        f ->
                            f.getFileName()
                                + ":"
                                + f.getLineNumber()
                                + " ("
                                + simpleName(f.getClassName())
                                + "."
                                + f.getMethodName()
                                + ")")
                    .orElse("(unknown line)"));
  }

  private static boolean isRuntime(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    return c.getName().startsWith(RUNTIME) && Objects.equals(source, RUNTIME_CODE);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
