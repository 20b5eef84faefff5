package dev.adjoint.processor.stmt;

import java.util.List;

/**
 * Several one-line statements on one line, separated by a space, then one comment: {@code t = null;
 * dT = null; // comment}. Each part is a statement without a body ({@link Define}, {@link Assign},
 * {@link Update}, {@link Increment}, {@link ExprStmt}, {@link Release}), its own comment unused.
 *
 * @param parts the statements, in order
 * @param comment the trailing comment, or {@code null}
 */
public record SameLine(List<Stmt> parts, String comment) implements Stmt {
  public SameLine {
    parts = List.copyOf(parts);
    for (Stmt part : parts) {
      if (!(part instanceof Define
          || part instanceof Assign
          || part instanceof Update
          || part instanceof Increment
          || part instanceof ExprStmt
          || part instanceof Release)) {
        throw new IllegalArgumentException("not a one-line statement: " + part);
      }
    }
  }
}
