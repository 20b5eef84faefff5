package dev.adjoint.processor.diff;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.expr.Binary;
import dev.adjoint.processor.expr.Call;
import dev.adjoint.processor.expr.Cast;
import dev.adjoint.processor.expr.Element;
import dev.adjoint.processor.expr.JavaExpr;
import dev.adjoint.processor.expr.Member;
import dev.adjoint.processor.expr.Postfix;
import dev.adjoint.processor.expr.Prefix;
import dev.adjoint.processor.ir.IrType;
import dev.adjoint.processor.stmt.Assign;
import dev.adjoint.processor.stmt.Define;
import dev.adjoint.processor.stmt.ExprStmt;
import dev.adjoint.processor.stmt.If;
import dev.adjoint.processor.stmt.LocalType;
import dev.adjoint.processor.stmt.Stmt;
import java.util.List;

/**
 * A loop's local view of the tape's double stack: its array and fill in two locals, so that each
 * push or pop of a {@code double} (or {@code float}) in the loop is an array access, not a
 * read-modify-write of the tape's fields that C2 cannot keep in registers across passes. Used for
 * loops that call no differentiable method and hold no inner loop (nothing else touches the stack
 * while they run, see {@link LoopPlan#keepsDoublesLocally}); the fill is handed back to the tape
 * when the loop ends.
 *
 * @param tape the local holding the tape
 * @param array the local holding the stack's array
 * @param top the local holding its fill
 */
record TapeCursor(String tape, String array, String top) {
  /** Whether a value of {@code type} goes through the cursor (the double stack). */
  static boolean carries(IrType type, boolean object) {
    return !object && (type == IrType.DOUBLE || type == IrType.FLOAT);
  }

  /** The two locals, taken from the tape before the loop. */
  List<Stmt> open() {
    return List.of(
        new Define(
            LocalType.of(IrType.DOUBLE_ARRAY),
            array,
            new Call(JavaExpr.name(tape), "doubleStack", List.of()),
            "the doubles the loop pushes and pops"),
        new Define(
            LocalType.of(IrType.INT),
            top,
            new Call(JavaExpr.name(tape), "doubleTop", List.of()),
            "how many it holds"));
  }

  /** A push of {@code value}, growing the stack when it is full. */
  List<Stmt> push(String value, String comment) {
    JavaExpr stack = JavaExpr.name(array);
    JavaExpr fill = JavaExpr.name(top);
    Stmt grow =
        new Assign(stack, new Call(JavaExpr.name(tape), "growDoubles", List.of(fill)), null);
    return List.of(
        new If(
            new Binary(fill, "==", new Member(stack, "length"), JavaExpr.EQUALITY),
            List.of(grow),
            List.of(),
            null),
        new Assign(new Element(stack, new Postfix(fill, "++")), JavaExpr.name(value), comment));
  }

  /** The expression popping a value of {@code type}. */
  JavaExpr pop(IrType type) {
    JavaExpr read = new Element(JavaExpr.name(array), new Prefix("--", JavaExpr.name(top)));
    return type == IrType.FLOAT ? new Cast(TypeName.FLOAT, read) : read;
  }

  /** Hands the fill back to the tape after the loop. */
  Stmt close() {
    return new ExprStmt(
        new Call(JavaExpr.name(tape), "setDoubleTop", List.of(JavaExpr.name(top))),
        "the fill the loop left");
  }

  /** The tape method that pushes a value of {@code type} (an object: a callee's partials). */
  static String pushMethod(IrType type, boolean object) {
    return "push" + tapeSlot(type, object);
  }

  /** The tape method that pops what {@link #pushMethod} pushed. */
  static String popMethod(IrType type, boolean object) {
    return "pop" + tapeSlot(type, object);
  }

  /**
   * The tape's name for the kind of slot a value of {@code type} takes (the runtime's {@code
   * Tape}).
   */
  private static String tapeSlot(IrType type, boolean object) {
    if (object || type.isArray()) {
      return "Object";
    }
    return switch (type) {
      case DOUBLE -> "Double";
      case FLOAT -> "Float";
      case LONG -> "Long";
      case INT -> "Int";
      case BOOLEAN -> "Boolean";
      default -> "Object";
    };
  }
}
