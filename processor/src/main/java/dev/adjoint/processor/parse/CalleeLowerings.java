package dev.adjoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import dev.adjoint.processor.diag.DiagnosticException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

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

  /**
   * How a lowering ended: its body or its failure, and the classes it read (its method's own, and
   * those of every member it or its callees name), which the generated file depends on.
   */
  private record Outcome(LoweredBody body, DiagnosticException failure, Set<TypeElement> read) {}

  private final BodyLowering lowering;
  private final Map<Key, Outcome> done = new HashMap<>();
  private final Deque<ExecutableElement> inProgress = new ArrayDeque<>();
  // for each lowering in progress, innermost first: the classes it has read so far
  private final Deque<Set<TypeElement>> reading = new ArrayDeque<>();

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
      Set<TypeElement> read = new LinkedHashSet<>();
      read.add(topLevel(method));
      reading.push(read);
      try {
        outcome = new Outcome(lowering.lower(declaration, home), null, read);
      } catch (DiagnosticException e) {
        outcome = new Outcome(null, e, read);
      } finally {
        inProgress.pop();
        reading.pop();
      }
      done.put(key, outcome);
    }
    if (!reading.isEmpty()) {
      reading.peek().addAll(outcome.read());
    }
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.body();
  }

  /** Notes that the lowering in progress reads a member of {@code member}'s class. */
  void noteRead(Element member) {
    if (!reading.isEmpty()) {
      reading.peek().add(topLevel(member));
    }
  }

  /**
   * The top-level classes whose source {@code method}'s lowering for {@code home} read: its own,
   * its callees' and theirs, and those of every field and method they name. A generated file
   * holding it is derived from these ({@code Filer}'s originating elements), so a change in any of
   * them rebuilds it. Empty if it was not lowered.
   */
  Set<TypeElement> classesRead(ExecutableElement method, PackageElement home) {
    Outcome outcome = done.get(new Key(method, home));
    return outcome == null ? Set.of() : Collections.unmodifiableSet(outcome.read());
  }

  private static TypeElement topLevel(Element member) {
    Element e = member;
    while (!(e.getEnclosingElement() instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (TypeElement) e;
  }
}
