package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.TryCatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clean-up: a local declared with a constant ahead of an {@code if} whose arms both write it before
 * reading it ({@code double t4 = 0.0; // set in the block below}, then {@code t4 = x;} in one arm
 * and {@code t4 = t3;} in the other) is declared without a value, {@code double t4;}: Java's
 * definite assignment sees that every path assigns it first, and no reader is left guessing what
 * the 0 was for. Each arm's first write becomes the local's first value as in {@link FirstWrites}
 * (an assignment stays one; the first contribution to a 0, {@code dT += c}, becomes {@code dT =
 * c}). An arm that ends in {@code throw} or {@code return} before using the local needs no value.
 */
final class BranchFirstWrites {
  private BranchFirstWrites() {}

  /** {@code block}, and the blocks it holds, with such declarations left without a value. */
  static List<Stmt> apply(List<Stmt> block, LocalTypes types) {
    List<Stmt> out = new ArrayList<>(block);
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Define d && d.value() instanceof Literal)) {
        continue;
      }
      int next = Statements.firstMention(out, i + 1, d.name());
      if (next < out.size()) {
        Optional<Stmt> written = writtenFirst(out.get(next), d, types);
        if (written.isPresent() && written.get() instanceof If) {
          out.set(next, written.get());
          out.set(i, new Declare(d.type(), d.name(), d.comment()));
        }
      }
    }
    // in a try, an exception before the first write would show the handler no value
    return out.stream()
        .map(s -> s instanceof TryCatch ? s : Statements.mapBlocks(s, b -> apply(b, types)))
        .toList();
  }

  /**
   * {@code s}, the first statement using {@code d}'s local after it, rewritten so that it gives the
   * local its first value on every path without reading the constant; else empty.
   */
  private static Optional<Stmt> writtenFirst(Stmt s, Define d, LocalTypes types) {
    Optional<JavaExpr> value = FirstWrites.overwrite(d, s, d.name(), types);
    if (value.isPresent()) {
      return Optional.of(new Assign(JavaExpr.name(d.name()), value.get(), s.comment()));
    }
    if (s instanceof If branch && !Exprs.reads(branch.condition(), d.name())) {
      Optional<List<Stmt>> then = writtenFirst(branch.thenBody(), d, types);
      Optional<List<Stmt>> otherwise = writtenFirst(branch.elseBody(), d, types);
      if (then.isPresent() && otherwise.isPresent()) {
        return Optional.of(
            new If(branch.condition(), then.get(), otherwise.get(), branch.comment()));
      }
    }
    return Optional.empty();
  }

  /** {@code arm} with its first use of {@code d}'s local made its first value, if it can be. */
  private static Optional<List<Stmt>> writtenFirst(List<Stmt> arm, Define d, LocalTypes types) {
    for (int k = 0; k < arm.size(); k++) {
      Stmt s = arm.get(k);
      if (s instanceof Throw || s instanceof Return) {
        return Optional.of(arm); // the arm never completes: nothing after it reads the local
      }
      if (Statements.mentions(s, d.name())) {
        int at = k;
        return writtenFirst(s, d, types)
            .map(
                first -> {
                  List<Stmt> rewritten = new ArrayList<>(arm);
                  rewritten.set(at, first);
                  return rewritten;
                });
      }
    }
    return Optional.empty(); // the arm completes without writing it
  }
}
