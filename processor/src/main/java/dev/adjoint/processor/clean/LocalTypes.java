package dev.adjoint.processor.clean;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Cast;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Literal;
import dev.adjoint.processor.expr.Name;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.expr.Parenthesized;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.Declare;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.IrLocalType;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.PoetLocalType;
import dev.adjoint.processor.stmt.Stmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The floating-point locals of a method body, each with its type ({@code double} or {@code float}):
 * the only locals the clean-up passes rewrite, since only their values are plain numbers (a copy of
 * a reference or an array is an alias).
 *
 * @param types each floating-point local's or parameter's type
 */
record LocalTypes(Map<String, TypeName> types) {
  LocalTypes {
    types = Map.copyOf(types);
  }

  /** The floating-point locals {@code body} declares, and those of {@code parameters}. */
  static LocalTypes of(List<Stmt> body, Map<String, TypeName> parameters) {
    Map<String, TypeName> types = new HashMap<>();
    parameters.forEach(
        (name, type) -> {
          if (floating(type)) {
            types.put(name, type);
          }
        });
    collect(body, types);
    return new LocalTypes(types);
  }

  private static void collect(List<Stmt> block, Map<String, TypeName> types) {
    for (Stmt s : block) {
      if (s instanceof Define d) {
        primitive(d.type()).ifPresent(t -> types.put(d.name(), t));
      } else if (s instanceof Declare d) {
        primitive(d.type()).ifPresent(t -> types.put(d.name(), t));
      }
      Statements.blocks(s).forEach(b -> collect(b, types));
    }
  }

  /** {@code type} as a floating-point primitive, or empty if it is not one. */
  static Optional<TypeName> primitive(LocalType type) {
    TypeName t =
        switch (type) {
          case IrLocalType ir ->
              ir.type() == IrType.DOUBLE
                  ? TypeName.DOUBLE
                  : ir.type() == IrType.FLOAT ? TypeName.FLOAT : null;
          case PoetLocalType poet -> poet.type();
          default -> null;
        };
    return Optional.ofNullable(t).filter(LocalTypes::floating);
  }

  private static boolean floating(TypeName type) {
    return type.equals(TypeName.DOUBLE) || type.equals(TypeName.FLOAT);
  }

  /** The type of the floating-point local {@code name}, or empty if it is not one. */
  Optional<TypeName> of(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /**
   * Whether {@code e} is surely a {@code float}: a float local, a float literal, a cast to float,
   * or negations and arithmetic of these. Anything else may be a {@code double}, which Java does
   * not assign to a float without a cast.
   */
  boolean isFloat(JavaExpr e) {
    return switch (e) {
      case Name n -> TypeName.FLOAT.equals(types.get(n.identifier()));
      case Literal l -> l.text().endsWith("f") || l.text().endsWith("F");
      case Cast c -> c.type().equals(TypeName.FLOAT);
      case Negation n -> isFloat(n.operand());
      case Binary b -> arithmetic(b.operator()) && isFloat(b.left()) && isFloat(b.right());
      default -> false;
    };
  }

  /**
   * Whether {@code e} is surely a {@code double}: a double local, a cast to double, a negation of
   * one, or arithmetic with one operand surely double and the other floating (which promotes it),
   * so that adding a number to it is a {@code double} addition.
   */
  boolean isDouble(JavaExpr e) {
    return switch (e) {
      case Name n -> TypeName.DOUBLE.equals(types.get(n.identifier()));
      case Cast c -> c.type().equals(TypeName.DOUBLE);
      case Parenthesized p -> isDouble(p.inner());
      case Negation n -> isDouble(n.operand());
      case Binary b ->
          arithmetic(b.operator())
              && (isDouble(b.left()) && isFloating(b.right())
                  || isFloating(b.left()) && isDouble(b.right()));
      default -> false;
    };
  }

  /**
   * Whether {@code e} is surely floating-point: a floating-point local, a cast to {@code double} or
   * {@code float}, or a negation or arithmetic with such an operand (which promotes the other).
   * Negating it is exact; negating an {@code int} or {@code long} is not ({@code
   * -Integer.MIN_VALUE} overflows), so the passes move a negation only across these.
   */
  boolean isFloating(JavaExpr e) {
    return switch (e) {
      case Name n -> types.containsKey(n.identifier());
      case Cast c -> floating(c.type());
      case Parenthesized p -> isFloating(p.inner());
      case Negation n -> isFloating(n.operand());
      case Binary b -> isFloating(b);
      default -> false;
    };
  }

  private boolean isFloating(Binary b) {
    if (b.operator().equals("+")) {
      return isFloating(b.left()) && isFloating(b.right()); // else it may join strings
    }
    return arithmetic(b.operator()) && (isFloating(b.left()) || isFloating(b.right()));
  }

  private static boolean arithmetic(String operator) {
    return switch (operator) {
      case "+", "-", "*", "/" -> true;
      default -> false;
    };
  }

  /** {@code e} as the value of a local of {@code type}: cast when a float local needs it. */
  JavaExpr assignable(TypeName type, JavaExpr e) {
    return type.equals(TypeName.FLOAT) && !isFloat(e) ? new Cast(TypeName.FLOAT, e) : e;
  }
}
