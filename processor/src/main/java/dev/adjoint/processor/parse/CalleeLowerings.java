package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import dev.adjoint.processor.diag.DiagnosticException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;

/**
 * The bodies lowered in one processor run, each once: a method being differentiated and every
 * tensor callee written at its calls share one lowering per generated package (what a body may
 * read, and how it names classes, depends on the package of the generated code that holds it; a
 * callee is almost always lowered for one). A body whose lowering failed fails again, with the same
 * diagnostic, at each call. The bodies being lowered are known, so that a call back into one is
 * reported as recursion.
 */
final class CalleeLowerings {
  /** Lowers one body; the function {@link MethodLowering} gives. */
  @FunctionalInterface
  interface BodyLowering {
    LoweredBody lower(DifferentiableDeclaration declaration, PackageElement home);
  }

  /**
   * A lowered body, with what a call needs to write it.
   *
   * @param lowered the IR, its names and its source trees
   * @param unit the compilation unit it comes from
   * @param resultTemporary whether the value it returns is a temporary of its own, which the
   *     statement consuming it may take over (name) as any temporary
   * @param resultOverwritable whether that temporary may also be written over
   */
  record LoweredBody(
      MethodLowering.Lowered lowered,
      CompilationUnitTree unit,
      boolean resultTemporary,
      boolean resultOverwritable) {}

  private record Key(ExecutableElement method, PackageElement home) {}

  private record Outcome(LoweredBody body, DiagnosticException failure) {}

  private final BodyLowering lowering;
  private final Map<Key, Outcome> done = new HashMap<>();
  private final Deque<ExecutableElement> inProgress = new ArrayDeque<>();

  CalleeLowerings(BodyLowering lowering) {
    this.lowering = lowering;
  }

  /** Whether {@code method}'s body is being lowered: a call to it now would recurse. */
  boolean isBeingLowered(ExecutableElement method) {
    return inProgress.contains(method);
  }

  /**
   * The body of {@code declaration}'s method, lowered for generated code in {@code home}.
   *
   * @throws DiagnosticException what is wrong with it, at its tree
   */
  LoweredBody lower(DifferentiableDeclaration declaration, PackageElement home) {
    ExecutableElement method = declaration.method();
    if (isBeingLowered(method)) {
      throw new IllegalStateException(method + " is being lowered already");
    }
    Key key = new Key(method, home);
    Outcome outcome = done.get(key);
    if (outcome == null) {
      inProgress.push(method);
      try {
        outcome = new Outcome(lowering.lower(declaration, home), null);
      } catch (DiagnosticException e) {
        outcome = new Outcome(null, e);
      } finally {
        inProgress.pop();
      }
      done.put(key, outcome);
    }
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.body();
  }
}
