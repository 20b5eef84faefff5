package dev.adjoint.processor.clean;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.diff.SourceAlgebra;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.TryCatch;
import dev.adjoint.processor.stmt.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clean-up: a local set to a constant ({@code double dX = 0.0;}, {@code dX = 0.0;}) whose next use
 * in the same block is a write:
 *
 * <ul>
 *   <li>an assignment not reading it ({@code dX = c;}): the constant is a dead store, so the
 *       assignment takes its place (declaring the local where the constant did);
 *   <li>a contribution ({@code dX += c;}, {@code dX -= c;}) to a floating-point constant 0: {@code
 *       0 + c} is {@code c}, so it becomes the assignment {@code dX = c;} ({@code dX = -c;}, where
 *       {@code c} is floating-point, so negating it is exact), narrowed to {@code float} where the
 *       local is one.
 * </ul>
 *
 * <p>And a double local declared with a double value and then contributed to ({@code double dX = a;
 * dX -= b;}) is declared with the sum ({@code double dX = a - b;}): the same addition.
 *
 * <p>Only a constant is dropped (evaluating it does nothing), and only a use in the same block
 * merges with it: one inside a nested block may not run. Nothing merges inside a {@code try}.
 *
 * <p>{@code 0.0 + c} is {@code c} except that a {@code -0.0} contribution sums to {@code +0.0} (and
 * {@code 0.0 - c} is {@code -c} except for {@code c = +0.0}). An {@link Update} is a contribution
 * to an adjoint or an accumulator, and the generated code reads those only linearly (times a
 * partial, into a sum), so the sign of a zero never reaches a result's value: the licence {@link
 * SourceAlgebra} takes for adjoints too. The sweeps never write an update to a primal.
 */
final class FirstWrites {
  private FirstWrites() {}

  private static final SourceAlgebra ALGEBRA = SourceAlgebra.forAdjoint();

  /** {@code block}, and the blocks it holds, with first writes merged. */
  static List<Stmt> apply(List<Stmt> block, LocalTypes types) {
    List<Stmt> out = new ArrayList<>(block);
    for (int i = 0; i + 1 < out.size(); i++) {
      Optional<Define> sum = withContribution(out.get(i), out.get(i + 1), types);
      if (sum.isPresent()) {
        out.set(i, sum.get());
        out.remove(i + 1);
        i--; // another contribution may follow
      }
    }
    for (int i = 0; i < out.size(); i++) {
      Optional<String> constant = constantStore(out.get(i));
      if (constant.isEmpty()) {
        continue;
      }
      String name = constant.get();
      int next = Statements.firstMention(out, i + 1, name);
      if (next == out.size()) {
        continue;
      }
      Optional<JavaExpr> value = overwrite(out.get(i), out.get(next), name, types);
      if (value.isPresent()) {
        String comment = out.get(next).comment();
        out.set(
            next,
            out.get(i) instanceof Define d
                ? new Define(d.type(), name, value.get(), comment)
                : new Assign(JavaExpr.name(name), value.get(), comment));
        out.remove(i);
        i--;
      }
    }
    // in a try, an exception between the two writes would show the handler the constant
    return out.stream()
        .map(s -> s instanceof TryCatch ? s : Statements.mapBlocks(s, b -> apply(b, types)))
        .toList();
  }

  /**
   * {@code double x = e + c;} ({@code e - c}) for {@code double x = e;} followed by {@code x += c;}
   * ({@code x -= c}) not reading {@code x}, when {@code e} is surely a double and not a constant:
   * the same double addition, written once.
   */
  private static Optional<Define> withContribution(Stmt s, Stmt next, LocalTypes types) {
    if (s instanceof Define d
        && !(d.value() instanceof Literal) // a constant's first contribution: overwrite, below
        && TypeName.DOUBLE.equals(types.of(d.name()).orElse(null))
        && types.isDouble(d.value())
        && next instanceof Update u
        && Exprs.named(u.target(), d.name())
        && !Exprs.reads(u.value(), d.name())) {
      JavaExpr sum = new Binary(d.value(), u.subtracts() ? "-" : "+", u.value(), JavaExpr.ADDITIVE);
      return Optional.of(new Define(d.type(), d.name(), sum, d.comment()));
    }
    return Optional.empty();
  }

  /** The local {@code s} sets to a constant, if it is such a store. */
  private static Optional<String> constantStore(Stmt s) {
    String name = null;
    if (s instanceof Define d && d.value() instanceof Literal) {
      name = d.name();
    } else if (s instanceof Assign a
        && a.value() instanceof Literal
        && a.target() instanceof Name n) {
      name = n.identifier();
    }
    return Optional.ofNullable(name);
  }

  /**
   * The value {@code name} gets from {@code next}, the first statement using it after the constant
   * {@code store}, when {@code next} overwrites it; else empty.
   */
  static Optional<JavaExpr> overwrite(Stmt store, Stmt next, String name, LocalTypes types) {
    JavaExpr constant = store instanceof Define d ? d.value() : ((Assign) store).value();
    if (next instanceof Assign a
        && Exprs.named(a.target(), name)
        && !Exprs.reads(a.value(), name)) {
      return Optional.of(a.value());
    }
    Optional<TypeName> type = types.of(name); // only a number has contributions
    if (type.isPresent()
        && next instanceof Update u
        && Exprs.named(u.target(), name)
        && constant.isConstant(0)
        && !Exprs.reads(u.value(), name)
        && (!u.subtracts() || types.isFloating(u.value()))) {
      return Optional.of(
          types.assignable(type.get(), u.subtracts() ? ALGEBRA.negate(u.value()) : u.value()));
    }
    return Optional.empty();
  }
}
