package dev.adjoint.processor.diff;

import dev.adjoint.processor.ir.IrType;

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
  String open() {
    return "double[] "
        + array
        + " = "
        + tape
        + ".doubleStack(); int "
        + top
        + " = "
        + tape
        + ".doubleTop(); // the loop pushes and pops its doubles through these\n";
  }

  /** A push of {@code value}, growing the stack when it is full. */
  String push(String value, String comment) {
    return "if ("
        + top
        + " == "
        + array
        + ".length) {\n  "
        + array
        + " = "
        + tape
        + ".growDoubles("
        + top
        + ");\n}\n"
        + array
        + "["
        + top
        + "++] = "
        + value
        + "; // "
        + comment
        + "\n";
  }

  /** The expression popping a value of {@code type}. */
  String pop(IrType type) {
    String read = array + "[--" + top + "]";
    return type == IrType.FLOAT ? "(float) " + read : read;
  }

  /** Hands the fill back to the tape after the loop. */
  String close() {
    return tape + ".setDoubleTop(" + top + "); // the fill the loop left\n";
  }

  /** The tape method that pushes a value of {@code type} (an object: a callee's partials). */
  static String pushMethod(IrType type, boolean object) {
    if (object || type.isArray()) {
      return "pushObject";
    }
    return switch (type) {
      case DOUBLE -> "pushDouble";
      case FLOAT -> "pushFloat";
      case LONG -> "pushLong";
      case INT -> "pushInt";
      case BOOLEAN -> "pushBoolean";
      default -> "pushObject";
    };
  }

  static String popMethod(IrType type, boolean object) {
    return pushMethod(type, object).replace("push", "pop");
  }
}
