package dev.adjoint.processor.clean;

import dev.adjoint.processor.diff.SourceAlgebra;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Update;
import java.util.List;
import java.util.Optional;

/**
 * Clean-up: a negation that reaches a contribution or a sum is written as the opposite operation
 * instead ({@code dX += -dT6 * a} is {@code dX -= dT6 * a}, {@code a + -b * c} is {@code a - b *
 * c}, {@code a - -b} is {@code a + b}).
 *
 * <p>Every move is exact: IEEE negation only flips the sign bit, rounding is symmetric, so {@code
 * (-a) · b}, {@code a · (-b)} and {@code -(a · b)} are the same bits (and so for {@code /}), and
 * {@code a + (-b)} is by definition {@code a - b}. The sweeps write their contributions this way
 * already ({@link SourceAlgebra} moves negations outwards as it evaluates a rule); this pass does
 * it for the negations that {@link CopyForwarding} brings in.
 */
final class NegationFolding {
  private NegationFolding() {}

  private static final SourceAlgebra ALGEBRA = SourceAlgebra.forAdjoint();

  /** {@code block}, and the blocks it holds, with negations folded. */
  static List<Stmt> apply(List<Stmt> block, LocalTypes types) {
    return block.stream()
        .map(s -> contributions(Statements.mapExpressions(s, e -> sums(e, types)), types))
        .toList();
  }

  /** {@code e} with each of its sums folded, from the leaves up. */
  private static JavaExpr sums(JavaExpr e, LocalTypes types) {
    return Exprs.bottomUp(e, x -> sum(x, types));
  }

  /** {@code s}, and the updates in its blocks, with a negated contribution as the opposite one. */
  private static Stmt contributions(Stmt s, LocalTypes types) {
    if (s instanceof Update u) {
      return positive(u.value(), types)
          .<Stmt>map(p -> new Update(u.target(), !u.subtracts(), p, u.comment()))
          .orElse(u);
    }
    return Statements.mapBlocks(s, b -> b.stream().map(t -> contributions(t, types)).toList());
  }

  /**
   * {@code a + -b} as {@code a - b} (where {@code a} is surely a number, not a string being joined)
   * and {@code a - -b} as {@code a + b}; else {@code e}.
   */
  private static JavaExpr sum(JavaExpr e, LocalTypes types) {
    // "x = " + -y joins a string: only a sum whose left operand is a number is one
    boolean numeric =
        e instanceof Binary b
            && (b.operator().equals("-") || b.operator().equals("+") && types.isFloating(b.left()));
    if (numeric && e instanceof Binary b) {
      Optional<JavaExpr> positive = positive(b.right(), types);
      if (positive.isPresent()) {
        String opposite = b.operator().equals("+") ? "-" : "+";
        return new Binary(b.left(), opposite, positive.get(), b.precedence());
      }
    }
    return e;
  }

  /**
   * {@code p} when {@code e} is {@code -p} with the negation moved out: {@code -x} itself, or a
   * product or quotient with a negated factor ({@code -a * b} is {@code -(a * b)}); else empty.
   * Only the negation of a floating-point value moves ({@link LocalTypes#isFloating}): {@code
   * -Integer.MIN_VALUE} overflows, so {@code x + -i} is not {@code x - i} for an {@code int i}.
   */
  static Optional<JavaExpr> positive(JavaExpr e, LocalTypes types) {
    if (e instanceof Parenthesized p) {
      return positive(p.inner(), types);
    }
    Optional<JavaExpr> operand = ALGEBRA.negationOperand(e).filter(types::isFloating);
    if (operand.isPresent()) {
      return Optional.of(operand.get().unparenthesized());
    }
    if (e instanceof Binary b && (b.operator().equals("*") || b.operator().equals("/"))) {
      Optional<JavaExpr> left = positive(b.left(), types);
      if (left.isPresent()) {
        return Optional.of(new Binary(left.get(), b.operator(), b.right(), b.precedence()));
      }
      return positive(b.right(), types)
          .map(right -> new Binary(b.left(), b.operator(), right, b.precedence()));
    }
    return Optional.empty();
  }
}
