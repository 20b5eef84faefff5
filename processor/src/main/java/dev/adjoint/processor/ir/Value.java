package dev.adjoint.processor.ir;

import java.util.Optional;

/** An operand: a variable or a constant. */
public sealed interface Value permits Value.Var, Value.Const {
  IrType type();

  /**
   * A variable. The IR is in single-assignment form for straight-line code: each definition of a
   * source variable gets its own {@code Var} (named {@code x}, {@code x_1}, ...), so every value
   * the reverse sweep needs is still there when it runs.
   *
   * @param name a Java identifier, unique in its function
   * @param type the variable's type
   */
  record Var(String name, IrType type) implements Value {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A value that no differentiated input can change, kept as the Java expression that denotes it so
   * generated code reads like the source: a literal ({@code 2.5}, {@code 3f}), a constant field
   * ({@code Math.PI}) or a field of the receiver ({@code self.mass}).
   *
   * @param javaExpression what generated code prints for it
   * @param type the constant's type
   * @param field the field it reads, when it reads one through the receiver: a body written at a
   *     call on a sub-model reads it through that sub-model ({@link FieldRef#under})
   */
  record Const(String javaExpression, IrType type, Optional<FieldRef> field) implements Value {
    public Const {
      if (field.isPresent() && !field.get().javaExpression().equals(javaExpression)) {
        throw new IllegalArgumentException(javaExpression + " does not read " + field.get());
      }
    }

    /** A literal or another constant expression that reads no field of the receiver. */
    public Const(String javaExpression, IrType type) {
      this(javaExpression, type, Optional.empty());
    }

    /** A field's value, read as {@code field} says ({@code self.mass}, {@code Physics.G}). */
    public static Const of(FieldRef field, IrType type) {
      return new Const(field.javaExpression(), type, Optional.of(field));
    }

    @Override
    public String toString() {
      return javaExpression;
    }
  }
}
