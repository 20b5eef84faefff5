package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.stmt.Assert;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Comment;
import dev.adjoint.processor.stmt.CountedFor;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.IfCall;
import dev.adjoint.processor.stmt.Increment;
import dev.adjoint.processor.stmt.Release;
import dev.adjoint.processor.stmt.Return;
import dev.adjoint.processor.stmt.ReverseFor;
import dev.adjoint.processor.stmt.SameLine;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Throw;
import dev.adjoint.processor.stmt.TryCatch;
import dev.adjoint.processor.stmt.Update;
import dev.adjoint.processor.stmt.While;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the clean-up passes ask of a statement: the expressions it evaluates itself, the blocks it
 * holds, whether it (or anything in it) reads or writes a local, and the same statement rebuilt
 * with its expressions or blocks replaced.
 */
final class Statements {
  private Statements() {}

  /**
   * The expressions {@code s} evaluates itself, not those of the blocks it holds: an assignment's
   * value, and its target when that is an array element (whose array and index are read).
   */
  static List<JavaExpr> expressions(Stmt s) {
    List<JavaExpr> e = new ArrayList<>();
    switch (s) {
      case Define d -> e.add(d.value());
      case Declare d -> {}
      case Assign a -> {
        if (a.target() instanceof Element) {
          e.add(a.target());
        }
        e.add(a.value());
      }
      case Update u -> {
        e.add(u.target()); // target += value reads the target
        e.add(u.value());
      }
      case Increment i -> e.add(JavaExpr.name(i.name()));
      case ExprStmt x -> e.add(x.expression());
      case SameLine line -> line.parts().forEach(p -> e.addAll(expressions(p)));
      case If branch -> e.add(branch.condition());
      case IfCall call -> {
        e.add(call.condition());
        e.add(call.call());
      }
      case While loop -> e.add(loop.condition());
      case CountedFor loop -> e.add(loop.bound());
      case ReverseFor loop -> e.add(loop.passes());
      case Return r -> e.add(r.value());
      case Throw t -> e.add(t.exception());
      case Assert a -> {
        e.add(a.condition());
        if (a.detail() != null) {
          e.add(a.detail());
        }
      }
      case Release r -> {}
      case Comment c -> {}
      case TryCatch t -> {}
    }
    return e;
  }

  /** The blocks {@code s} holds, in order: an if's two arms, a loop's body, a try's two. */
  static List<List<Stmt>> blocks(Stmt s) {
    return switch (s) {
      case If branch -> List.of(branch.thenBody(), branch.elseBody());
      case While loop -> List.of(loop.body());
      case CountedFor loop -> List.of(loop.body());
      case ReverseFor loop -> List.of(loop.body());
      case TryCatch t -> List.of(t.body(), t.handler());
      default -> List.of();
    };
  }

  /** Whether {@code s} runs its blocks once each time, at most (an if or a try, not a loop). */
  static boolean runsBlocksOnce(Stmt s) {
    return s instanceof If || s instanceof TryCatch;
  }

  /** Whether {@code s}, or a statement in its blocks, reads {@code name}. */
  static boolean reads(Stmt s, String name) {
    for (JavaExpr e : expressions(s)) {
      if (Exprs.reads(e, name)) {
        return true;
      }
    }
    return blocks(s).stream().anyMatch(b -> reads(b, name));
  }

  /**
   * Adds to {@code names} every local a statement of {@code block} (or of its blocks) reads;
   * whether one of them may read any local (an opaque expression, {@link Exprs#reads}).
   */
  static boolean collectReads(List<Stmt> block, Set<String> names) {
    boolean opaque = false;
    for (Stmt s : block) {
      for (JavaExpr e : expressions(s)) {
        opaque |= Exprs.collectReads(e, names);
      }
      for (List<Stmt> b : blocks(s)) {
        opaque |= collectReads(b, names);
      }
    }
    return opaque;
  }

  /** Whether a statement of {@code block} reads {@code name}. */
  static boolean reads(List<Stmt> block, String name) {
    return block.stream().anyMatch(s -> reads(s, name));
  }

  /** Whether {@code s}, or a statement in its blocks, assigns or declares {@code name}. */
  static boolean writes(Stmt s, String name) {
    return writesItself(s, name) || blocks(s).stream().anyMatch(b -> writes(b, name));
  }

  /** Whether {@code s} itself, not a statement in its blocks, assigns or declares {@code name}. */
  static boolean writesItself(Stmt s, String name) {
    boolean own =
        switch (s) {
          case Define d -> d.name().equals(name);
          case Declare d -> d.name().equals(name);
          case Assign a -> Exprs.named(a.target(), name);
          case Update u -> Exprs.named(u.target(), name);
          case Increment i -> i.name().equals(name);
          case Release r -> r.name().equals(name);
          case SameLine line -> line.parts().stream().anyMatch(p -> writesItself(p, name));
          case CountedFor loop -> loop.counter().equals(name);
          case ReverseFor loop -> loop.counter().equals(name);
          case TryCatch t -> t.parameter().equals(name);
          default -> false;
        };
    return own || expressions(s).stream().anyMatch(e -> Exprs.writes(e, name));
  }

  /** How many statements of {@code block}, nested ones included, assign or declare {@code name}. */
  static int writers(List<Stmt> block, String name) {
    int n = 0;
    for (Stmt s : block) {
      n += writesItself(s, name) ? 1 : 0;
      for (List<Stmt> b : blocks(s)) {
        n += writers(b, name);
      }
    }
    return n;
  }

  /** How many times the statements of {@code block}, nested ones included, read {@code name}. */
  static int readCount(List<Stmt> block, String name) {
    int n = 0;
    for (Stmt s : block) {
      for (JavaExpr e : expressions(s)) {
        n += e.count(x -> Exprs.named(x, name));
      }
      for (List<Stmt> b : blocks(s)) {
        n += readCount(b, name);
      }
    }
    return n;
  }

  /** Whether a loop in {@code block}, or in the blocks it holds, reads {@code name}. */
  static boolean readInLoop(List<Stmt> block, String name) {
    for (Stmt s : block) {
      boolean loop = s instanceof While || s instanceof CountedFor || s instanceof ReverseFor;
      if (loop ? reads(s, name) : blocks(s).stream().anyMatch(b -> readInLoop(b, name))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement of {@code block} assigns or declares {@code name}. */
  static boolean writes(List<Stmt> block, String name) {
    return block.stream().anyMatch(s -> writes(s, name));
  }

  /**
   * The index of the first statement of {@code block} from {@code from} on that reads or writes
   * {@code name}, or {@code block.size()} if none does.
   */
  static int firstMention(List<Stmt> block, int from, String name) {
    int i = from;
    while (i < block.size() && !mentions(block.get(i), name)) {
      i++;
    }
    return i;
  }

  /** Whether {@code s} reads or writes {@code name}. */
  static boolean mentions(Stmt s, String name) {
    return reads(s, name) || writes(s, name);
  }

  /** Whether {@code name} may be replaced everywhere in {@code s} ({@link Exprs#replaceable}). */
  static boolean replaceable(Stmt s, String name) {
    return expressions(s).stream().allMatch(e -> Exprs.replaceable(e, name))
        && blocks(s).stream().allMatch(b -> b.stream().allMatch(t -> replaceable(t, name)));
  }

  /**
   * {@code s} with {@code f} applied to each expression it evaluates, and to those of its blocks; a
   * local assigned stays the target.
   */
  static Stmt mapExpressions(Stmt s, UnaryOperator<JavaExpr> f) {
    UnaryOperator<List<Stmt>> inner = b -> b.stream().map(t -> mapExpressions(t, f)).toList();
    return switch (s) {
      case Define d -> new Define(d.type(), d.name(), f.apply(d.value()), d.comment());
      case Declare d -> d;
      case Assign a -> new Assign(target(a.target(), f), f.apply(a.value()), a.comment());
      case Update u ->
          new Update(target(u.target(), f), u.subtracts(), f.apply(u.value()), u.comment());
      case ExprStmt x -> new ExprStmt(f.apply(x.expression()), x.comment());
      case SameLine line ->
          new SameLine(
              line.parts().stream().map(p -> mapExpressions(p, f)).toList(), line.comment());
      case If b ->
          new If(
              f.apply(b.condition()),
              inner.apply(b.thenBody()),
              inner.apply(b.elseBody()),
              b.comment());
      case IfCall c -> new IfCall(f.apply(c.condition()), f.apply(c.call()));
      case While w -> new While(f.apply(w.condition()), inner.apply(w.body()), w.comment());
      case CountedFor l ->
          new CountedFor(l.counter(), f.apply(l.bound()), inner.apply(l.body()), l.comment());
      case ReverseFor l ->
          new ReverseFor(l.counter(), f.apply(l.passes()), inner.apply(l.body()), l.comment());
      case TryCatch t ->
          new TryCatch(
              inner.apply(t.body()),
              t.exception(),
              t.parameter(),
              inner.apply(t.handler()),
              t.comment());
      case Return r -> new Return(f.apply(r.value()));
      case Throw t -> new Throw(f.apply(t.exception()), t.comment());
      case Assert a ->
          new Assert(
              f.apply(a.condition()), a.detail() == null ? null : f.apply(a.detail()), a.comment());
      case Increment i -> i;
      case Release r -> r;
      case Comment c -> c;
    };
  }

  private static JavaExpr target(JavaExpr target, UnaryOperator<JavaExpr> f) {
    return target instanceof Name ? target : f.apply(target);
  }

  /** {@code s} with each of its blocks replaced by {@code f} of it; {@code s} if it holds none. */
  static Stmt mapBlocks(Stmt s, UnaryOperator<List<Stmt>> f) {
    return switch (s) {
      case If b -> new If(b.condition(), f.apply(b.thenBody()), f.apply(b.elseBody()), b.comment());
      case While w -> new While(w.condition(), f.apply(w.body()), w.comment());
      case CountedFor l -> new CountedFor(l.counter(), l.bound(), f.apply(l.body()), l.comment());
      case ReverseFor l -> new ReverseFor(l.counter(), l.passes(), f.apply(l.body()), l.comment());
      case TryCatch t ->
          new TryCatch(
              f.apply(t.body()), t.exception(), t.parameter(), f.apply(t.handler()), t.comment());
      default -> s;
    };
  }

  /** {@code s} with block {@code index} (in {@link #blocks}' order) replaced by {@code block}. */
  static Stmt withBlock(Stmt s, int index, List<Stmt> block) {
    int[] at = {0};
    return mapBlocks(s, b -> at[0]++ == index ? block : b);
  }
}
