package dev.adjoint.processor.clean;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.emit.StmtRenderer;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Negation;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import dev.adjoint.processor.stmt.Update;
import java.util.List;
import java.util.Map;

/** Short constructors for the hand-built statements of the clean-up passes' tests. */
final class Build {
  private Build() {}

  static JavaExpr name(String identifier) {
    return JavaExpr.name(identifier);
  }

  static JavaExpr minus(String identifier) {
    return new Negation(name(identifier));
  }

  static JavaExpr times(JavaExpr a, JavaExpr b) {
    return new Binary(a, "*", b, JavaExpr.MULTIPLICATIVE);
  }

  static JavaExpr plus(JavaExpr a, JavaExpr b) {
    return new Binary(a, "+", b, JavaExpr.ADDITIVE);
  }

  static Stmt define(String name, JavaExpr value) {
    return new Define(LocalType.of(IrType.DOUBLE), name, value, null);
  }

  static Stmt defineFloat(String name, JavaExpr value) {
    return new Define(LocalType.of(IrType.FLOAT), name, value, null);
  }

  static Stmt defineInt(String name, JavaExpr value) {
    return new Define(LocalType.of(IrType.INT), name, value, null);
  }

  static Stmt zero(String name) {
    return define(name, JavaExpr.number(0));
  }

  static Stmt assign(String name, JavaExpr value) {
    return new Assign(name(name), value, null);
  }

  static Stmt add(String name, JavaExpr value) {
    return new Update(name(name), false, value, null);
  }

  static Stmt subtract(String name, JavaExpr value) {
    return new Update(name(name), true, value, null);
  }

  /** {@code name > 0.0}. */
  static JavaExpr positive(String name) {
    return new Binary(name(name), ">", JavaExpr.number(0), JavaExpr.RELATIONAL);
  }

  /** {@code if (condition) { then }}. */
  static If when(JavaExpr condition, Stmt... then) {
    return new If(condition, List.of(then), List.of(), null);
  }

  static Stmt sink(JavaExpr value) {
    return SweepLikePrograms.sink(value);
  }

  /** The local types of {@code body} with double parameters {@code a} and {@code b}. */
  static LocalTypes types(List<Stmt> body) {
    return LocalTypes.of(body, Map.of("a", TypeName.DOUBLE, "b", TypeName.DOUBLE));
  }

  static String render(List<Stmt> body) {
    return StmtRenderer.render(body, 0).toString();
  }
}
