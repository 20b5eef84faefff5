package dev.adjoint.processor.diag;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.Origin;

/**
 * Stops the processing of one method with a diagnostic. Thrown inside the passes, caught by the
 * processor, which reports it at {@link #tree()} and goes on with the next method.
 */
public final class DiagnosticException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DiagnosticId id;
  private final String detail;
  private final transient Tree tree;
  private final Origin origin;

  /**
   * @param id the diagnostic's id
   * @param tree where to point, or {@code null} for the method as a whole
   * @param message what is wrong and how to fix it, without the id
   */
  public DiagnosticException(DiagnosticId id, Tree tree, String message) {
    super(id.tag() + " " + message);
    this.id = id;
    this.detail = message;
    this.tree = tree;
    this.origin = null;
  }

  /**
   * For passes after parsing, which know the IR, not javac's trees.
   *
   * @param id the diagnostic's id
   * @param origin the IR node's origin; the processor maps it back to the source tree
   * @param message what is wrong and how to fix it, without the id
   */
  public DiagnosticException(DiagnosticId id, Origin origin, String message) {
    super(id.tag() + " " + message);
    this.id = id;
    this.detail = message;
    this.tree = null;
    this.origin = origin;
  }

  /** A problem with a declaration as a whole; reported at the element being processed. */
  public static DiagnosticException atDeclaration(DiagnosticId id, String message) {
    return new DiagnosticException(id, (Tree) null, message);
  }

  public DiagnosticId id() {
    return id;
  }

  /** What is wrong and how to fix it: the message without the id. */
  public String detail() {
    return detail;
  }

  /** Where in the IR the problem is, or {@code null} when {@link #tree()} says. */
  public Origin origin() {
    return origin;
  }

  /** Where the problem is, or {@code null} for the method as a whole. */
  public Tree tree() {
    return tree;
  }
}
