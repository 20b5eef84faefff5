package dev.adjoint.processor.clean;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.stmt.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The clean-up passes over a generated method's body, in order, until none changes anything: {@link
 * DeclarationSinking} (temporaries declared in the one block using them), {@link FirstWrites} (a
 * constant followed by its overwrite or first contribution is that value), {@link
 * BranchFirstWrites} (no placeholder value for a local both arms of an if write first), {@link
 * CopyForwarding} (no copy chains), {@link NegationFolding} (a negation reaching a sum or
 * contribution is the opposite operation), {@link DeadStores} (no local nothing reads). Each is a
 * function from statements to statements, tested alone on hand-built ones; together they run on the
 * whole body, so every local they touch is declared and read in it.
 *
 * <p>The sweeps write what they must (a hoisted declaration, a cleared adjoint, a copy) without
 * looking ahead; the passes, seeing the whole body, take out what turned out unneeded.
 */
public final class Cleanups {
  private Cleanups() {}

  /** The most rounds: a round only removes, merges or moves statements; this bounds the work. */
  private static final int MAX_ROUNDS = 8;

  /**
   * {@code body} cleaned up.
   *
   * @param body a whole method body after its prologue: every local it reads it declares, or is a
   *     parameter or a prologue local
   * @param parameters the method's parameters and their types
   */
  public static List<Stmt> apply(List<Stmt> body, Map<String, TypeName> parameters) {
    List<Stmt> current = List.copyOf(body);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      LocalTypes types = LocalTypes.of(current, parameters);
      List<Stmt> next = DeclarationSinking.apply(current);
      next = FirstWrites.apply(next, types);
      next = BranchFirstWrites.apply(next, types);
      next = CopyForwarding.apply(next, next, types);
      next = NegationFolding.apply(next, types);
      next = DeadStores.apply(next);
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current;
  }

  /**
   * Which locals a statement of {@code body}, or of a block in it, reads or may read (an expression
   * the passes cannot see into may read every local): one walk, then a lookup per name.
   */
  public static Predicate<String> readers(List<Stmt> body) {
    Set<String> names = new HashSet<>();
    if (Statements.collectReads(body, names)) {
      return name -> true;
    }
    return names::contains;
  }
}
