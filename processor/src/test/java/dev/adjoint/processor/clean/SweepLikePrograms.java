package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.LocalCall;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random method bodies shaped like the reverse sweeps the clean-up passes see: temporaries declared
 * as 0 ahead of the block that sets them, adjoints cleared and then contributed to, copies and
 * negated copies of locals, contributions, {@code if}s and counted loops, over the parameters
 * {@code a} and {@code b}. Every body is valid Java: it declares each local before use, in scope.
 */
final class SweepLikePrograms {
  /** The parameters every body may read. */
  static final List<String> PARAMETERS = List.of("a", "b");

  private final Random random;
  private int locals;
  private int counters;

  private final int width;

  private SweepLikePrograms(long seed, int width) {
    random = new Random(seed);
    this.width = width;
  }

  /**
   * A body drawn from {@code seed}, its blocks at most {@code width} statements long, ending by
   * sinking some of its top-level locals.
   */
  static List<Stmt> draw(long seed, int width) {
    SweepLikePrograms programs = new SweepLikePrograms(seed, width);
    Visible visible = new Visible(new ArrayList<>(PARAMETERS), new ArrayList<>());
    List<Stmt> body = programs.block(visible, 0);
    for (String name : visible.all()) {
      if (programs.random.nextInt(3) > 0) {
        body.add(sink(JavaExpr.name(name)));
      }
    }
    return body;
  }

  /**
   * The locals in scope: primal values, read anywhere, and adjoints, which (as in a sweep) are
   * cleared, contributed to, copied and read only linearly: as a term of a contribution, times or
   * over a primal value, never as a divisor or in a condition.
   */
  private record Visible(List<String> primals, List<String> adjoints) {
    Visible copy() {
      return new Visible(new ArrayList<>(primals), new ArrayList<>(adjoints));
    }

    List<String> all() {
      List<String> all = new ArrayList<>(primals);
      all.addAll(adjoints);
      return all;
    }
  }

  private List<Stmt> block(Visible visible, int depth) {
    List<Stmt> out = new ArrayList<>();
    int length = 1 + random.nextInt(width);
    for (int k = 0; k < length; k++) {
      statement(out, visible, depth);
    }
    return out;
  }

  private void statement(List<Stmt> out, Visible visible, int depth) {
    boolean adjoints = !visible.adjoints().isEmpty();
    switch (depth < 2 ? random.nextInt(14) : 1 + random.nextInt(7)) { // no block below depth 2
      case 0 -> { // an adjoint declared as 0, then set in a block below
        String t = fresh("dT");
        out.add(define(t, JavaExpr.number(0)));
        List<Stmt> then = setting(t, visible, depth);
        // often both arms set it (or one throws), as the sweeps' merged branch values are
        List<Stmt> otherwise =
            switch (random.nextInt(4)) {
              case 0 -> List.of();
              case 1 -> List.of(new Throw(JavaExpr.name("failure"), null));
              default -> setting(t, visible, depth);
            };
        out.add(new If(condition(visible), then, otherwise, null));
        visible.adjoints().add(t);
      }
      case 1 -> { // an adjoint cleared, then contributed to
        String t = fresh("dT");
        out.add(define(t, JavaExpr.number(0)));
        out.add(new Update(JavaExpr.name(t), random.nextBoolean(), linear(visible), null));
        visible.adjoints().add(t);
      }
      case 2 -> { // a copy or a negated copy, of a primal or an adjoint
        boolean adjoint = adjoints && random.nextBoolean();
        String t = fresh(adjoint ? "dT" : "t");
        JavaExpr copied = JavaExpr.name(pick(adjoint ? visible.adjoints() : visible.primals()));
        out.add(define(t, random.nextBoolean() ? copied : new Negation(copied)));
        (adjoint ? visible.adjoints() : visible.primals()).add(t);
      }
      case 3 -> {
        String t = fresh("t");
        out.add(define(t, expr(visible.primals())));
        visible.primals().add(t);
      }
      case 4 ->
          out.add(
              new Assign(JavaExpr.name(pick(visible.primals())), expr(visible.primals()), null));
      case 5, 6 -> {
        if (adjoints) {
          out.add(
              new Update(
                  JavaExpr.name(pick(visible.adjoints())),
                  random.nextBoolean(),
                  linear(visible),
                  null));
        }
      }
      case 7 ->
          out.add(
              sink(adjoints && random.nextBoolean() ? linear(visible) : expr(visible.primals())));
      case 8, 9, 10 ->
          out.add(
              new If(
                  condition(visible),
                  block(visible.copy(), depth + 1),
                  random.nextBoolean() ? List.of() : block(visible.copy(), depth + 1),
                  null));
      case 12 -> { // a local declared as 0, then set first in each pass of a loop (or loop nest)
        String t = fresh(adjoints && random.nextBoolean() ? "dT" : "t");
        out.add(define(t, JavaExpr.number(0)));
        Visible inner = visible.copy();
        List<Stmt> body = new ArrayList<>();
        body.add(new Assign(JavaExpr.name(t), linear(visible), null));
        inner.adjoints().add(t);
        body.addAll(block(inner, depth + 2));
        Stmt loop = new CountedFor("i" + counters++, JavaExpr.literal("2"), body, null);
        if (depth == 0 && random.nextBoolean()) {
          List<Stmt> outer = new ArrayList<>(block(visible.copy(), 2));
          outer.add(loop);
          loop = new CountedFor("i" + counters++, JavaExpr.literal("2"), outer, null);
        }
        out.add(loop);
        if (random.nextBoolean()) {
          visible.adjoints().add(t); // read after the loop too: the declaration stays
        }
      }
      case 13 -> { // dT = dS, maybe dS changed, dS = dT: the reverse of t = s + u; s = t
        if (adjoints) {
          String s = pick(visible.adjoints());
          String t = fresh("dT");
          out.add(define(t, JavaExpr.name(s)));
          if (random.nextBoolean()) {
            out.add(new Update(JavaExpr.name(s), random.nextBoolean(), linear(visible), null));
          }
          out.add(new Assign(JavaExpr.name(s), JavaExpr.name(t), null));
          visible.adjoints().add(t);
        }
      }
      default -> {
        String counter = "i" + counters++; // an int: not among the double locals drawn from
        JavaExpr passes = JavaExpr.literal(String.valueOf(1 + random.nextInt(3)));
        out.add(new CountedFor(counter, passes, block(visible.copy(), depth + 1), null));
      }
    }
  }

  /** An arm that first sets the adjoint {@code t}, assigning or contributing to its 0. */
  private List<Stmt> setting(String t, Visible visible, int depth) {
    Visible inner = visible.copy();
    List<Stmt> arm =
        new ArrayList<>(
            List.of(
                random.nextBoolean()
                    ? new Assign(JavaExpr.name(t), linear(visible), null)
                    : new Update(JavaExpr.name(t), random.nextBoolean(), linear(visible), null)));
    inner.adjoints().add(t);
    arm.addAll(block(inner, depth + 1));
    return arm;
  }

  /** A contribution: an adjoint (or its negation), times or over a primal, maybe plus another. */
  private JavaExpr linear(Visible visible) {
    if (visible.adjoints().isEmpty()) {
      return expr(visible.primals()); // a seed
    }
    JavaExpr adjoint = JavaExpr.name(pick(visible.adjoints()));
    JavaExpr term =
        switch (random.nextInt(4)) {
          case 0 -> adjoint;
          case 1 -> new Negation(adjoint);
          case 2 -> new Binary(adjoint, "*", expr(visible.primals()), JavaExpr.MULTIPLICATIVE);
          default ->
              new Binary(
                  new Negation(adjoint), "/", expr(visible.primals()), JavaExpr.MULTIPLICATIVE);
        };
    return random.nextInt(3) > 0
        ? term
        : new Binary(term, random.nextBoolean() ? "+" : "-", linear(visible), JavaExpr.ADDITIVE);
  }

  private JavaExpr expr(List<String> visible) {
    return switch (random.nextInt(7)) {
      case 0 -> JavaExpr.number(random.nextInt(5) - 2);
      case 1, 2 -> JavaExpr.name(pick(visible));
      case 3 -> new Negation(JavaExpr.name(pick(visible)));
      default -> {
        String operator = List.of("+", "-", "*", "/").get(random.nextInt(4));
        int precedence =
            operator.equals("+") || operator.equals("-")
                ? JavaExpr.ADDITIVE
                : JavaExpr.MULTIPLICATIVE;
        yield new Binary(expr(visible), operator, expr(visible), precedence);
      }
    };
  }

  private JavaExpr condition(Visible visible) {
    return new Binary(
        JavaExpr.name(pick(visible.primals())), ">", JavaExpr.number(0), JavaExpr.RELATIONAL);
  }

  private String pick(List<String> visible) {
    return visible.get(random.nextInt(visible.size()));
  }

  private String fresh(String prefix) {
    return prefix + locals++;
  }

  private static Define define(String name, JavaExpr value) {
    return new Define(LocalType.of(IrType.DOUBLE), name, value, null);
  }

  static Stmt sink(JavaExpr value) {
    return new ExprStmt(new LocalCall("sink", List.of(value)), null);
  }
}
