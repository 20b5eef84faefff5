package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Cast;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Clean-up: a local the body declares and never reads ({@code boolean returned_3;} then only {@code
 * returned_3 = returned_2;}) is not declared, and nothing is stored into it. Only where every
 * statement mentioning it is its declaration or an assignment to it of a value whose evaluation
 * cannot fail or do anything else (locals, literals, negations, casts between primitive types,
 * {@code + - *} and comparisons of these; not a division, which throws for an {@code int} 0, nor an
 * array element, nor a call).
 */
final class DeadStores {
  private DeadStores() {}

  /** {@code body} without the locals nothing reads. */
  static List<Stmt> apply(List<Stmt> body) {
    Set<String> declared = new LinkedHashSet<>();
    collectDeclared(body, declared);
    Set<String> dead = new LinkedHashSet<>();
    for (String name : declared) {
      if (onlyStored(body, name)) {
        dead.add(name);
      }
    }
    return dead.isEmpty() ? body : without(body, dead);
  }

  private static void collectDeclared(List<Stmt> block, Set<String> into) {
    for (Stmt s : block) {
      switch (s) {
        case Define d -> into.add(d.name());
        case Declare d -> into.add(d.name());
        default -> {}
      }
      Statements.blocks(s).forEach(b -> collectDeclared(b, into));
    }
  }

  /** Whether every statement of {@code block} mentioning {@code name} only stores into it. */
  private static boolean onlyStored(List<Stmt> block, String name) {
    for (Stmt s : block) {
      if (stores(s, name)) {
        continue;
      }
      if (Statements.expressions(s).stream().anyMatch(e -> Exprs.reads(e, name))
          || Statements.writesItself(s, name)) {
        return false; // a read, or a store this pass cannot take out (name++, a loop's counter)
      }
      for (List<Stmt> b : Statements.blocks(s)) {
        if (!onlyStored(b, name)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@code s} declares {@code name} or assigns it a value that is safe to drop. */
  private static boolean stores(Stmt s, String name) {
    return switch (s) {
      case Declare d -> d.name().equals(name);
      case Define d -> d.name().equals(name) && inert(d.value(), name);
      case Assign a -> Exprs.named(a.target(), name) && inert(a.value(), name);
      default -> false;
    };
  }

  /** Whether evaluating {@code e} can neither fail nor have an effect, nor reads {@code name}. */
  private static boolean inert(JavaExpr e, String name) {
    return switch (e) {
      case Name n -> !n.identifier().equals(name);
      case Literal l -> true;
      case Negation n -> inert(n.operand(), name);
      case Parenthesized p -> inert(p.inner(), name);
      case Cast c -> c.type().isPrimitive() && inert(c.operand(), name);
      case Binary b ->
          switch (b.operator()) {
                case "+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "&&", "||" -> true;
                default -> false;
              }
              && inert(b.left(), name)
              && inert(b.right(), name);
      default -> false;
    };
  }

  private static List<Stmt> without(List<Stmt> block, Set<String> dead) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (dead.stream().noneMatch(name -> stores(s, name))) {
        out.add(Statements.mapBlocks(s, b -> without(b, dead)));
      }
    }
    return out;
  }
}
