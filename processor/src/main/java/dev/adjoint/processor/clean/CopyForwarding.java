package dev.adjoint.processor.clean;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clean-up: a floating-point local declared as a copy of another of the same type, or of its
 * negation ({@code double dT1 = dT2;}, {@code double dT5 = -dT6;}), that nothing assigns again, is
 * not declared: the statements after it read the copied local instead, when that local keeps its
 * value for as long as they run (nothing after the copy assigns it). The negations this brings in
 * are folded by {@link NegationFolding} ({@code dX += -dT6 * a} is {@code dX -= dT6 * a}).
 *
 * <p>A negated copy is forwarded only into one read outside any loop below it: there the negation
 * is computed once either way (or folds away); read twice, or in a loop (a loop invariant the
 * sweeps hoisted, {@code double t2 = -k;}), it would be computed at each read.
 *
 * <p>This removes the chains of copies that sums and copies in the source leave in the reverse
 * sweep ({@code double dT15 = dT17; double dT12 = dT15;}).
 */
final class CopyForwarding {
  private CopyForwarding() {}

  /**
   * {@code block}, and the blocks it holds, with copies forwarded.
   *
   * @param body the whole method body, where a forwarded local must not be assigned anywhere
   */
  static List<Stmt> apply(List<Stmt> block, List<Stmt> body, LocalTypes types) {
    List<Stmt> out = new ArrayList<>(block);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) instanceof Define d) {
        dropAssignmentBack(d, out.subList(i + 1, out.size()));
      }
      if (out.get(i) instanceof Define d
          && forwardable(d, out.subList(i + 1, out.size()), body, types)) {
        List<Stmt> rest = new ArrayList<>();
        for (Stmt s : out.subList(i + 1, out.size())) {
          rest.add(Statements.mapExpressions(s, e -> Exprs.replace(e, d.name(), d.value())));
        }
        out.subList(i, out.size()).clear();
        out.addAll(rest);
        i--;
      }
    }
    return out.stream().map(s -> Statements.mapBlocks(s, b -> apply(b, body, types))).toList();
  }

  /**
   * Takes out of {@code rest}, the statements after the copy {@code d} ({@code double a = b;}), the
   * assignment {@code b = a;} that is the first statement writing {@code b}, when nothing before it
   * writes {@code a}: {@code b} holds that value already. (The reverse of {@code t = s + u; s = t}
   * writes {@code dT = dS; dS = dT;}.) Then {@code b} keeps its value after the copy, which may let
   * the copy be forwarded.
   */
  private static void dropAssignmentBack(Define d, List<Stmt> rest) {
    if (!(d.value() instanceof Name copied)) {
      return;
    }
    String b = copied.identifier();
    for (int j = 0; j < rest.size(); j++) {
      Stmt s = rest.get(j);
      if (s instanceof Assign a && Exprs.named(a.target(), b) && Exprs.named(a.value(), d.name())) {
        rest.remove(j);
        return;
      }
      if (Statements.writes(s, b) || Statements.writes(s, d.name())) {
        return;
      }
    }
  }

  /** Whether the copy {@code d} may be forwarded into {@code rest}, the statements after it. */
  private static boolean forwardable(Define d, List<Stmt> rest, List<Stmt> body, LocalTypes types) {
    Optional<TypeName> type = LocalTypes.primitive(d.type());
    Optional<String> copied = copied(d.value());
    if (type.isEmpty() || copied.isEmpty() || !types.of(copied.get()).equals(type)) {
      return false;
    }
    String name = d.name();
    if (Statements.writers(body, name) != 1 || Statements.writes(rest, copied.get())) {
      return false;
    }
    if (d.value() instanceof Negation
        && (Statements.readCount(rest, name) > 1 || Statements.readInLoop(rest, name))) {
      return false; // each read would negate again: a loop invariant hoisted would be back inside
    }
    return rest.stream().allMatch(s -> Statements.replaceable(s, name));
  }

  /** The local {@code value} copies, or negates: {@code y} or {@code -y}. */
  private static Optional<String> copied(JavaExpr value) {
    JavaExpr copied = value instanceof Negation n ? n.operand() : value;
    return copied instanceof Name n ? Optional.of(n.identifier()) : Optional.empty();
  }
}
