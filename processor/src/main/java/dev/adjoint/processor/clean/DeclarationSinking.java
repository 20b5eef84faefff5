package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Clean-up: a local declared with a constant ahead of a statement because a block of that statement
 * sets it ({@code double t3 = 0.0; // set in the block below}) is declared inside that block
 * instead, when nothing outside it reads the local: where the block runs at most once (an arm of an
 * if, a try), just before the block's first statement that uses it; in a loop's body, only where
 * that statement overwrites it (then no pass reads the value the last one left), as that
 * assignment, or where every block of that statement, the body's only user, is so (a nest of loops
 * setting the local in its innermost body), as it is, to move on down next round. A declaration
 * nothing uses is dropped.
 *
 * <p>So a temporary used in one arm is declared in that arm, where a reader looks for it, and
 * {@link FirstWrites} may then merge it with its first value.
 */
final class DeclarationSinking {
  private DeclarationSinking() {}

  /** {@code block} with its declarations, and those of the blocks it holds, sunk. */
  static List<Stmt> apply(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block);
    for (int i = 0; i < out.size(); ) {
      if (out.get(i) instanceof Define d && d.value() instanceof Literal && sink(out, i, d)) {
        continue; // the statement now at i is the next one
      }
      i++;
    }
    return out.stream().map(s -> Statements.mapBlocks(s, DeclarationSinking::apply)).toList();
  }

  /** Moves {@code define}, at {@code i} of {@code out}, into the block using it; false if none. */
  private static boolean sink(List<Stmt> out, int i, Define define) {
    String name = define.name();
    OptionalInt user = soleUser(out, i, name);
    if (user.isEmpty()) {
      if (out.subList(i + 1, out.size()).stream().noneMatch(s -> Statements.mentions(s, name))) {
        out.remove(i); // used nowhere
        return true;
      }
      return false;
    }
    Stmt holder = out.get(user.getAsInt());
    if (Statements.expressions(holder).stream()
        .anyMatch(e -> Exprs.reads(e, name) || Exprs.writes(e, name))) {
      return false; // the statement's own condition or bound uses it
    }
    List<List<Stmt>> blocks = Statements.blocks(holder);
    int using = -1;
    for (int b = 0; b < blocks.size(); b++) {
      if (blocks.get(b).stream().anyMatch(s -> Statements.mentions(s, name))) {
        if (using >= 0) {
          return false; // both arms use it
        }
        using = b;
      }
    }
    if (using < 0) {
      return false;
    }
    List<Stmt> inner = new ArrayList<>(blocks.get(using));
    int first = Statements.firstMention(inner, 0, name); // the block uses it: found
    if (Statements.runsBlocksOnce(holder)) {
      inner.add(first, define);
    } else if (inner.get(first) instanceof Assign a
        && Exprs.named(a.target(), name)
        && !Exprs.reads(a.value(), name)) {
      inner.set(first, new Define(define.type(), name, a.value(), a.comment()));
    } else if (deadAtEntry(inner, name)) {
      inner.add(first, define); // and on into the nested statement that sets it, next round
    } else {
      return false; // a pass reads what the one before left
    }
    out.set(user.getAsInt(), Statements.withBlock(holder, using, inner));
    out.remove(i);
    return true;
  }

  /**
   * Whether no statement of {@code block} reads the value {@code name} has on entering it, when
   * nothing after the block reads it either: the first statement using it overwrites it, or is the
   * only one using it and holds blocks each of which is so (its own condition or bound not using
   * it). A loop nest setting a local at the start of its innermost body's passes is so at every
   * level, so the declaration moves down the nest one level at a time.
   */
  private static boolean deadAtEntry(List<Stmt> block, String name) {
    int first = Statements.firstMention(block, 0, name);
    if (first == block.size()) {
      return true;
    }
    Stmt s = block.get(first);
    if (s instanceof Assign a && Exprs.named(a.target(), name)) {
      return !Exprs.reads(a.value(), name);
    }
    if (soleUser(block, -1, name).isEmpty()
        || Statements.expressions(s).stream()
            .anyMatch(e -> Exprs.reads(e, name) || Exprs.writes(e, name))) {
      return false;
    }
    List<List<Stmt>> blocks = Statements.blocks(s);
    return !blocks.isEmpty() && blocks.stream().allMatch(b -> deadAtEntry(b, name));
  }

  /** The one statement after {@code i} that uses {@code name}, if exactly one does. */
  private static OptionalInt soleUser(List<Stmt> block, int i, String name) {
    int user = -1;
    for (int j = i + 1; j < block.size(); j++) {
      if (Statements.mentions(block.get(j), name)) {
        if (user >= 0) {
          return OptionalInt.empty();
        }
        user = j;
      }
    }
    return user < 0 ? OptionalInt.empty() : OptionalInt.of(user);
  }
}
