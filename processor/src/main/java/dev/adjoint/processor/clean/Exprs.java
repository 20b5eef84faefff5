package dev.adjoint.processor.clean;

import dev.adjoint.processor.expr.ArrayOf;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Cast;
import dev.adjoint.processor.expr.Code;
import dev.adjoint.processor.expr.Conditional;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Lambda;
import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.expr.LocalCall;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.NewArray;
import dev.adjoint.processor.expr.NewInstance;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.expr.Postfix;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.expr.StringLiteral;
import dev.adjoint.processor.expr.TensorConstant;
import dev.adjoint.processor.expr.TypeRef;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the clean-up passes ask of an expression: which locals it reads or writes, and the same
 * expression with a local replaced. An expression the passes cannot see into (a filled op-table
 * template, {@link Code}; a lambda, whose captured locals must stay effectively final) is
 * <em>opaque</em>: a pass neither removes a local it may read nor rewrites it.
 */
final class Exprs {
  private Exprs() {}

  /** Whether {@code e} reads the local {@code name}, or may (an opaque part). */
  static boolean reads(JavaExpr e, String name) {
    return e.count(x -> x instanceof Name n && n.identifier().equals(name) || opaque(x)) > 0;
  }

  /**
   * Adds to {@code names} every local {@code e} reads; whether it has an opaque part, which may
   * read any.
   */
  static boolean collectReads(JavaExpr e, Set<String> names) {
    return e.count(
            x -> {
              if (x instanceof Name n) {
                names.add(n.identifier());
              }
              return opaque(x);
            })
        > 0;
  }

  /** Whether {@code e} assigns {@code name} ({@code name++}, {@code --name}). */
  static boolean writes(JavaExpr e, String name) {
    return e.count(x -> steps(x, name)) > 0;
  }

  private static boolean steps(JavaExpr e, String name) {
    if (e instanceof Postfix p) {
      return named(p.operand(), name);
    }
    return e instanceof Prefix p
        && (p.operator().equals("++") || p.operator().equals("--"))
        && named(p.operand(), name);
  }

  /** Whether {@code name} may be replaced in {@code e}: it occurs in no opaque part. */
  static boolean replaceable(JavaExpr e, String name) {
    return e.count(x -> opaque(x) && x.reads(name) || x instanceof Code c && c.operands().isEmpty())
        == 0;
  }

  /** Whether {@code e} is the local {@code name}. */
  static boolean named(JavaExpr e, String name) {
    return e instanceof Name n && n.identifier().equals(name);
  }

  private static boolean opaque(JavaExpr e) {
    return e instanceof Code || e instanceof Lambda;
  }

  /**
   * {@code e} with every read of {@code name} replaced by {@code by}; a negation of a negation the
   * replacement makes is folded ({@code -(-x)} is {@code x}).
   */
  static JavaExpr replace(JavaExpr e, String name, JavaExpr by) {
    return bottomUp(
        e,
        x -> {
          if (named(x, name)) {
            return by;
          }
          // not SourceAlgebra.negate, which also folds -2 to the double -2.0: e may be an int
          if (x instanceof Negation outer && outer.operand() instanceof Negation inner) {
            return inner.operand();
          }
          return x;
        });
  }

  /** {@code e} rebuilt from its leaves up, {@code f} applied to each rebuilt part. */
  static JavaExpr bottomUp(JavaExpr e, UnaryOperator<JavaExpr> f) {
    UnaryOperator<JavaExpr> r = x -> bottomUp(x, f);
    JavaExpr rebuilt =
        switch (e) {
          case Name n -> n;
          case TypeRef t -> t;
          case Literal l -> l;
          case StringLiteral s -> s;
          case Code c -> c;
          case Lambda l -> l;
          case Negation n -> new Negation(r.apply(n.operand()));
          case Prefix p -> new Prefix(p.operator(), r.apply(p.operand()));
          case Postfix p -> new Postfix(r.apply(p.operand()), p.operator());
          case Binary b ->
              new Binary(r.apply(b.left()), b.operator(), r.apply(b.right()), b.precedence());
          case Conditional c ->
              new Conditional(r.apply(c.condition()), r.apply(c.ifTrue()), r.apply(c.ifFalse()));
          case Call c -> new Call(r.apply(c.target()), c.method(), all(c.arguments(), r));
          case LocalCall c -> new LocalCall(c.method(), all(c.arguments(), r));
          case TensorConstant t -> new TensorConstant(r.apply(t.algebra()), r.apply(t.number()));
          case Member m -> new Member(r.apply(m.target()), m.field());
          case Element el -> new Element(r.apply(el.array()), r.apply(el.index()));
          case Parenthesized p -> new Parenthesized(r.apply(p.inner()));
          case Cast c -> new Cast(c.type(), r.apply(c.operand()));
          case NewArray a -> new NewArray(a.elementType(), r.apply(a.length()));
          case ArrayOf a -> new ArrayOf(a.elementType(), all(a.elements(), r));
          case NewInstance n -> new NewInstance(n.type(), all(n.arguments(), r));
        };
    return f.apply(rebuilt);
  }

  private static List<JavaExpr> all(List<JavaExpr> items, UnaryOperator<JavaExpr> f) {
    return items.stream().map(f).toList();
  }
}
